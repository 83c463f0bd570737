"""The staff home's line for the charter: signatures waiting for approval."""

from __future__ import annotations

from django.urls import reverse

from solidaire.core.worklist import PendingWork, pending_line, register_provider

from .models import Signature, SignatureStatus
from .permissions import can_moderate


def charter_pending_work(user) -> list[PendingWork]:
    """The staff home's line for the charter: signatures waiting for approval (one query)."""
    if not can_moderate(user):
        return []
    return [
        pending_line(
            Signature.objects.filter(status=SignatureStatus.REQUESTED),
            label="Signatures de la charte à valider",
            url=reverse("charter:moderation"),
            section="Charte",
        )
    ]


register_provider("charter.signatures", charter_pending_work, covers=["charter.Signature.requested"])
