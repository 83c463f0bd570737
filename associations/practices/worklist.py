"""The staff home's line for inspiring practices: those a structure proposed, waiting for the
CCAS to publish them (one aggregate query)."""

from __future__ import annotations

from django.db.models import Count, Min
from django.urls import reverse

from solidaire.core.worklist import PendingWork, register_provider

from .models import Practice, PracticeStatus
from .permissions import can_publish


def practices_pending_work(user) -> list[PendingWork]:
    if not can_publish(user):
        return []
    row = Practice.objects.filter(status=PracticeStatus.SUBMITTED).aggregate(
        count=Count("pk"), oldest=Min("updated_at")
    )
    return [
        PendingWork(
            "Pratiques inspirantes proposées à publier",
            row["count"],
            reverse("associations:staff_followup") + "#pratiques",
            row["oldest"],
            "Annuaire",
        )
    ]


register_provider(
    "associations.practices", practices_pending_work, covers=["associations.Practice.submitted"]
)
