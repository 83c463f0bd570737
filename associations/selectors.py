"""Reads for the directory pages and the member area."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from .models import Association, Membership, MembershipStatus, PublicationStatus


def association_list_public() -> QuerySet[Association]:
    return Association.objects.filter(status=PublicationStatus.PUBLISHED).order_by("name")


def association_get_public(*, slug: str) -> Association:
    return (
        Association.objects.filter(status=PublicationStatus.PUBLISHED)
        .prefetch_related("services__thematiques")
        .get(slug=slug)
    )


def memberships_of_user(*, user) -> QuerySet[Membership]:
    """The user's memberships, all statuses, with their structure (one query)."""
    return (
        Membership.objects.filter(user=user)
        .select_related("association")
        .order_by("association__name")
    )


def associations_of_user(*, user, admin_only: bool = False) -> QuerySet[Association]:
    """Structures the user is an approved member (or admin) of."""
    filters = Q(memberships__user=user, memberships__status=MembershipStatus.APPROVED)
    if admin_only:
        filters &= Q(memberships__role="admin")
    return Association.objects.filter(filters).distinct().order_by("name")


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
