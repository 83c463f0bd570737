"""The staff home's line for error reports on directory cards."""

from __future__ import annotations

from django.db.models import Count, Min
from django.urls import reverse

from solidaire.accounts.roles import is_ccas_staff
from solidaire.core.worklist import PendingWork, register_provider

from .models import CardReport, ReportStatus


def card_reports_pending(user) -> list[PendingWork]:
    """The staff home's line: open reports on directory cards (one query)."""
    if not is_ccas_staff(user):
        return []
    row = CardReport.objects.filter(status=ReportStatus.OPEN).aggregate(
        n=Count("id"), oldest=Min("created_at")
    )
    return [
        PendingWork(
            label="Erreurs signalées sur des fiches",
            count=row["n"],
            url=reverse("admin:associations_cardreport_changelist") + "?status__exact=open",
            oldest=row["oldest"],
            section="Annuaire",
        )
    ]


register_provider("associations.card_reports", card_reports_pending, covers=["associations.CardReport.open"])
