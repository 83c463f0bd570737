"""Reads on proposals: the proposer's own, the staff queue, the worklist count, whom to write to
about a proposal."""

from __future__ import annotations

from django.db.models import Case, Count, IntegerField, Min, Q, QuerySet, Value, When

from associations.structures.models import Membership
from associations.structures.taxonomy import MembershipStatus

from .filters import StaffProposalFilter
from .models import EventProposal, ProposalStatus


def proposals_of_user(*, user) -> QuerySet[EventProposal]:
    """What the user proposed, and what their structures proposed (one query)."""
    mine = EventProposal.objects.filter(
        Q(proposed_by=user)
        | Q(
            association__in=Membership.objects.filter(user=user, status=MembershipStatus.APPROVED).values(
                "association"
            )
        )
    )
    return mine.select_related("association", "edition").order_by("-created_at")


def proposal_of_user(*, user, pk: int) -> EventProposal:
    return proposals_of_user(user=user).get(pk=pk)


def proposals_to_review() -> QuerySet[EventProposal]:
    """Every proposal, those waiting for CCAS staff first."""
    waiting = Case(
        When(status=ProposalStatus.SUBMITTED, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return EventProposal.objects.select_related("association", "proposed_by", "edition").order_by(
        waiting, "-created_at", "-pk"
    )


def proposals_queue(*, params) -> StaffProposalFilter:
    """The staff page's list: proposals to examine unless `params` ask for another state, year or
    structure (`.qs` to paginate, `.form` to show)."""
    return StaffProposalFilter(params, queryset=proposals_to_review())


def pending_summary() -> dict:
    return EventProposal.objects.filter(status=ProposalStatus.SUBMITTED).aggregate(
        count=Count("pk"), oldest=Min("created_at")
    )


def proposer_recipients(proposal: EventProposal) -> list[str]:
    """Whom to write to about a proposal (the decision, later its edition cancelled or moved): the
    member who proposed it and the proposing structure; `proposed_by` and `association` should
    be joined."""
    return sorted({e for e in (getattr(proposal.proposed_by, "email", ""), proposal.association.email) if e})
