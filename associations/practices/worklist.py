"""The staff home's line for inspiring practices: those a structure proposed, waiting for the
CCAS to publish them (one aggregate query)."""

from __future__ import annotations

from django.db.models import Count, Min
from django.urls import reverse

from solidaire.accounts.roles import is_ccas_staff
from solidaire.core.worklist import PendingWork, pending_line, register_provider

from .models import Practice, PracticeStatus
from .permissions import can_publish


def practices_pending_work(user) -> list[PendingWork]:
    if not can_publish(user):
        return []
    return [
        pending_line(
            Practice.objects.filter(status=PracticeStatus.SUBMITTED),
            label="Pratiques inspirantes proposées à publier",
            url=reverse("associations:staff_followup") + "#pratiques",
            section="Annuaire",
            since="updated_at",
        )
    ]


def practice_changes_pending(user) -> list[PendingWork]:
    """The staff home's line: changes to published practices waiting for the CCAS (two queries
    at most). Leads to the oldest one, where staff compare and decide."""
    if not is_ccas_staff(user):
        return []
    waiting = Practice.objects.exclude(pending_changes=None).order_by("pending_since", "pk")
    row = waiting.aggregate(n=Count("id"), oldest=Min("pending_since"))
    if not row["n"]:
        return []
    return [
        PendingWork(
            label="Modifications de pratiques inspirantes à valider",
            count=row["n"],
            url=waiting.first().get_absolute_url(),
            oldest=row["oldest"],
            section="Annuaire",
        )
    ]


register_provider(
    "associations.practices", practices_pending_work, covers=["associations.Practice.submitted"]
)
register_provider("associations.practice_changes", practice_changes_pending)
