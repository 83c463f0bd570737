"""The staff home's line for the users' council: new requests to join it."""

from __future__ import annotations

from django.urls import reverse

from solidaire.core.worklist import PendingWork, pending_line, register_provider

from .models import CouncilRequest, CouncilRequestStatus
from .permissions import can_handle


def council_requests_pending(user) -> list[PendingWork]:
    """The staff home's line: new requests to join the users' council (one query)."""
    if not can_handle(user):
        return []
    return [
        pending_line(
            CouncilRequest.objects.filter(status=CouncilRequestStatus.NEW),
            label="Demandes au conseil des usagers",
            url=reverse("admin:associations_councilrequest_changelist") + "?status__exact=new",
            section="Annuaire",
        )
    ]


register_provider(
    "associations.council_requests", council_requests_pending, covers=["associations.CouncilRequest.new"]
)
