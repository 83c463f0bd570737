"""The staff home's line for the charter: signatures waiting for approval."""

from __future__ import annotations

from django.db.models import Count, Min
from django.urls import reverse

from solidaire.core.worklist import PendingWork, register_provider

from .models import Signature, SignatureStatus
from .permissions import can_moderate


def charter_pending_work(user) -> list[PendingWork]:
    """The staff home's line for the charter: signatures waiting for approval (one query)."""
    if not can_moderate(user):
        return []
    pending = Signature.objects.filter(status=SignatureStatus.REQUESTED).aggregate(
        count=Count("pk"), oldest=Min("created_at")
    )
    return [
        PendingWork(
            "Signatures de la charte à valider",
            pending["count"],
            reverse("charter:moderation"),
            pending["oldest"],
            "Charte",
        )
    ]


register_provider("charter.signatures", charter_pending_work, covers=["charter.Signature.requested"])
