"""The staff home's line for the users' council: new requests to join it."""

from __future__ import annotations

from django.db.models import Count, Min
from django.urls import reverse

from solidaire.core.worklist import PendingWork, register_provider

from .models import CouncilRequest, CouncilRequestStatus
from .permissions import can_handle


def council_requests_pending(user) -> list[PendingWork]:
    """The staff home's line: new requests to join the users' council (one query)."""
    if not can_handle(user):
        return []
    row = CouncilRequest.objects.filter(status=CouncilRequestStatus.NEW).aggregate(
        n=Count("id"), oldest=Min("created_at")
    )
    return [
        PendingWork(
            label="Demandes au conseil des usagers",
            count=row["n"],
            url=reverse("admin:associations_councilrequest_changelist") + "?status__exact=new",
            oldest=row["oldest"],
            section="Annuaire",
        )
    ]


register_provider(
    "associations.council_requests", council_requests_pending, covers=["associations.CouncilRequest.new"]
)
