"""Reads for the public directory pages: the filtered list, the map, a card."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.urls import reverse

from associations.structures.models import Association, Service
from associations.structures.selectors import association_list_public
from associations.structures.taxonomy import PublicationStatus

from .filters import AssociationFilter

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
    """Annotate `is_signatory`: a signature of the charter in force (a subquery, no join).
    The signature model is reached through its reverse relation to the structure
    (`related_name="signatures"`): the directory never imports the charter app, which
    depends on it."""
    signature = Association._meta.get_field("signatures").related_model
    return qs.annotate(
        is_signatory=Exists(signature.objects.filter(association=OuterRef("pk"), status="signed"))
    )


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
