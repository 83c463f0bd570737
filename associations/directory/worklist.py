"""What waits for CCAS staff in the directory, for the staff home and the admin index: requests
to join a structure that has no admin to answer them, card changes and proposed structures to
moderate. One aggregate query per line."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.urls import reverse

from associations.structures.models import Association, ChangeProposal, Membership
from associations.structures.taxonomy import (
    MembershipRole,
    MembershipStatus,
    ProposalStatus,
    PublicationStatus,
)
from solidaire.accounts.roles import is_ccas_staff
from solidaire.core.worklist import PendingWork, pending_line, register_provider

SECTION = "Annuaire"


def _orphan_requests():
    """Membership requests of structures without an approved admin: only the CCAS can answer."""
    has_admin = Membership.objects.filter(
        association=OuterRef("association"), status=MembershipStatus.APPROVED, role=MembershipRole.ADMIN
    )
    return Membership.objects.filter(status=MembershipStatus.REQUESTED).exclude(Exists(has_admin))


def directory_pending_work(user) -> list[PendingWork]:
    """Lines of the staff home for the directory; nothing for people who are not CCAS staff."""
    if not is_ccas_staff(user):
        return []
    followup = reverse("associations:staff_followup")
    return [
        pending_line(
            _orphan_requests(),
            label="Demandes d'adhésion à une structure sans administrateur·rice",
            url=reverse("admin:associations_membership_changelist") + "?status__exact=requested",
            section=SECTION,
        ),
        pending_line(
            ChangeProposal.objects.filter(status=ProposalStatus.PENDING),
            label="Modifications de fiches à modérer",
            url=followup + "#modifs",
            section=SECTION,
        ),
        pending_line(
            Association.objects.filter(status=PublicationStatus.DRAFT, proposed_by__isnull=False),
            label="Structures proposées à publier",
            url=followup + "#nouvelles",
            section=SECTION,
        ),
    ]


register_provider(
    "associations.directory",
    directory_pending_work,
    covers=["associations.Membership.requested", "associations.ChangeProposal.pending"],
)
