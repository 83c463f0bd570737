"""Reads for the directory pages and the member area."""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from charter.models import Signature

from .filters import AssociationFilter
from .models import (
    Association,
    Membership,
    MembershipStatus,
    PublicationStatus,
    Service,
)
from .models_directory import ChangeProposal, DirectorySettings, ProposalStatus

# What a list row shows; the rest (mission, figures…) stays in the database.
LIST_FIELDS = [
    "id",
    "name",
    "slug",
    "kind",
    "quartier",
    "summary",
    "street",
    "postcode",
    "city",
    "phone",
    "email",
    "website",
    "opening_hours",
    "pmr_accessible",
    "latitude",
    "longitude",
    "updated_at",
]


def with_signatory(qs: QuerySet[Association]) -> QuerySet[Association]:
    """Annotate `is_signatory`: a signature of the charter in force (a subquery, no join)."""
    return qs.annotate(
        is_signatory=Exists(Signature.objects.filter(association=OuterRef("pk"), status="signed"))
    )


def association_list_public() -> QuerySet[Association]:
    return Association.objects.filter(status=PublicationStatus.PUBLISHED).order_by("name")


def _directory_filterset(params, *, limit_fields: bool, fuzzy: bool = False) -> AssociationFilter:
    qs = with_signatory(association_list_public())
    if limit_fields:
        qs = qs.only(*LIST_FIELDS)
    # The list and the print view show each service's name and fee, never its thematiques.
    # Ordered by association_id, not by Service's default ("association", then name), which
    # would join the associations table only to sort by their names: same order per card.
    qs = qs.prefetch_related(
        Prefetch(
            "services",
            queryset=Service.objects.only(
                "id", "association_id", "name", "fee", "closed_from", "closed_until"
            ).order_by("association_id", "name"),
        )
    )
    filterset = AssociationFilter(params or None, queryset=qs)
    filterset.fuzzy = fuzzy
    return filterset


def _may_retry_fuzzy(filterset: AssociationFilter) -> bool:
    # Typo tolerance costs a similarity computation per row: only when the exact search (fast,
    # trigram-indexed LIKE on PostgreSQL) finds nothing.
    return (
        connection.vendor == "postgresql"
        and filterset.is_bound
        and bool(filterset.form.cleaned_data.get("q"))
    )


def association_directory(
    *, params, limit_fields: bool = True
) -> tuple[AssociationFilter, QuerySet[Association]]:
    """The filtered directory: (the bound filter form, the queryset for the page).
    Two queries whatever the data size: the rows and their services (plus one to test
    whether an exact search found nothing)."""
    filterset = _directory_filterset(params, limit_fields=limit_fields)
    result = filterset.qs
    if _may_retry_fuzzy(filterset) and not result.exists():
        filterset = _directory_filterset(params, limit_fields=limit_fields, fuzzy=True)
        result = filterset.qs
    return filterset, result


def association_directory_page(*, params, page_number, per_page: int) -> tuple[AssociationFilter, Page]:
    """One page of the filtered directory, with the bound filter form. Three queries whatever
    the data size: the count, the page, its services. The count also tells whether an exact
    search found nothing (then retried with typo tolerance), so no separate test is needed."""
    filterset = _directory_filterset(params, limit_fields=True)
    paginator = Paginator(filterset.qs, per_page)
    if paginator.count == 0 and _may_retry_fuzzy(filterset):
        filterset = _directory_filterset(params, limit_fields=True, fuzzy=True)
        paginator = Paginator(filterset.qs, per_page)
    return filterset, paginator.get_page(page_number)


def map_points(qs: QuerySet[Association], *, limit: int) -> list[dict]:
    """Positions of the structures found, for the map (one query, no model instances)."""
    rows = (
        qs.prefetch_related(None)
        .exclude(latitude__isnull=True)
        .values("name", "slug", "latitude", "longitude", "street", "postcode", "city")[:limit]
    )
    return [
        {
            "name": row["name"],
            "url": reverse("associations:detail", kwargs={"slug": row["slug"]}),
            "lat": float(row["latitude"]),
            "lng": float(row["longitude"]),
            "address": " ".join(p for p in [row["street"], row["postcode"], row["city"]] if p),
        }
        for row in rows
    ]


def association_get_public(*, slug: str) -> Association:
    return (
        with_signatory(Association.objects.filter(status=PublicationStatus.PUBLISHED))
        .prefetch_related("services__thematiques")
        .get(slug=slug)
    )


def memberships_of_user(*, user) -> QuerySet[Membership]:
    """The user's memberships, all statuses, with their structure (one query)."""
    return Membership.objects.filter(user=user).select_related("association").order_by("association__name")


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
