"""Reads on structures shared by the features: memberships, staff follow-up, stale cards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db.models import Count, Expression, Q, QuerySet, Value
from django.utils import timezone

from .models import Association, ChangeProposal, DirectorySettings, Membership
from .taxonomy import MembershipStatus, ProposalKind, ProposalStatus, PublicationStatus


def association_list_public() -> QuerySet[Association]:
    return Association.objects.filter(status=PublicationStatus.PUBLISHED).order_by("name")


def memberships_of_user(*, user) -> QuerySet[Membership]:
    """The user's memberships, all statuses, with their structure (one query)."""
    return Membership.objects.filter(user=user).select_related("association").order_by("association__name")


def associations_of_user(*, user, admin_only: bool = False) -> QuerySet[Association]:
    """Structures the user is an approved member (or admin) of."""
    filters = Q(memberships__user=user, memberships__status=MembershipStatus.APPROVED)
    if admin_only:
        filters &= Q(memberships__role="admin")
    return Association.objects.filter(filters).distinct().order_by("name")


def published_associations_of_user(*, user) -> QuerySet[Association]:
    """The user's structures that appear in the directory: those that may apply or propose."""
    return associations_of_user(user=user).filter(status=PublicationStatus.PUBLISHED)


def membership_of(*, user, association: Association) -> Membership | None:
    """The user's membership of the structure (any status), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.filter(user=user, association=association).first()


def association_members(*, association: Association) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(association=association)
        .select_related("user", "decided_by")
        .order_by("status", "user__email")
    )


def pending_membership_count() -> int:
    return Membership.objects.filter(status=MembershipStatus.REQUESTED).count()


def association_counts_by_kind() -> dict[str, int]:
    rows = association_list_public().values("kind").annotate(n=Count("id"))
    return {row["kind"]: row["n"] for row in rows}


def stale_cutoff() -> dt.datetime:
    return timezone.now() - dt.timedelta(days=DirectorySettings.get().stale_after_days)


def associations_stale() -> QuerySet[Association]:
    """Published cards neither edited nor confirmed within the staff-set delay (12 months)."""
    return (
        association_list_public()
        .filter(
            Q(updated_at__lt=stale_cutoff())
            & (Q(last_verified_at__isnull=True) | Q(last_verified_at__lt=stale_cutoff()))
        )
        .order_by("updated_at")
    )


def change_proposals_pending() -> QuerySet[ChangeProposal]:
    return (
        ChangeProposal.objects.filter(status=ProposalStatus.PENDING)
        .select_related("association", "service", "proposed_by")
        .order_by("created_at")
    )


def pending_card_change(*, association: Association) -> ChangeProposal | None:
    """The card change waiting for the CCAS, if any: the card form shows and edits it rather
    than stacking a second identical one."""
    return (
        ChangeProposal.objects.filter(
            association=association, kind=ProposalKind.CARD, status=ProposalStatus.PENDING
        )
        .select_related("proposed_by")
        .order_by("-created_at")
        .first()
    )


def change_proposals_of(*, association: Association) -> QuerySet[ChangeProposal]:
    return (
        ChangeProposal.objects.filter(association=association)
        .select_related("service", "proposed_by")
        .order_by("-created_at")[:20]
    )


def structure_proposals_pending() -> QuerySet[Association]:
    return (
        Association.objects.filter(status=PublicationStatus.DRAFT, proposed_by__isnull=False)
        .select_related("proposed_by")
        .order_by("created_at")
    )


# What other apps mark on a structure in the directory's lists and cards, as annotations they
# register from their `pages.py` (the charter: `is_signatory`). Each mark has a default for when
# no app provides it, so the directory's pages and its index never depend on another app.
_MARKS: dict[str, Callable[[], Expression]] = {"is_signatory": lambda: Value(False)}


def register_association_mark(name: str, expression: Callable[[], Expression]) -> None:
    """`expression()` gives an annotation for a queryset of structures, e.g. an `Exists` of the
    registering app's rows (a subquery, no join)."""
    if name not in _MARKS:
        raise ValueError(f"unknown mark {name!r}: the directory shows only {sorted(_MARKS)}")
    _MARKS[name] = expression


def with_marks(qs: QuerySet[Association]) -> QuerySet[Association]:
    """Annotate every registered mark (`is_signatory`…)."""
    return qs.annotate(**{name: expression() for name, expression in _MARKS.items()})
