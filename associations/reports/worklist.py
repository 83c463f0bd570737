"""The staff home's line for error reports on directory cards."""

from __future__ import annotations

from django.urls import reverse

from solidaire.accounts.roles import is_ccas_staff
from solidaire.core.worklist import PendingWork, pending_line, register_provider

from .models import CardReport, ReportStatus


def card_reports_pending(user) -> list[PendingWork]:
    """The staff home's line: open reports on directory cards (one query)."""
    if not is_ccas_staff(user):
        return []
    return [
        pending_line(
            CardReport.objects.filter(status=ReportStatus.OPEN),
            label="Erreurs signalées sur des fiches",
            url=reverse("admin:associations_cardreport_changelist") + "?status__exact=open",
            section="Annuaire",
        )
    ]


register_provider("associations.card_reports", card_reports_pending, covers=["associations.CardReport.open"])
