"""Reads for the public directory pages: the filtered list, the map, a card."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone

from associations.actions.models import Action
from associations.practices.selectors import practices_matching
from associations.search.selectors import query_words, search_filter, suggestion
from associations.structures.cache import directory_version
from associations.structures.hours import opening_state
from associations.structures.models import Association, Service
from associations.structures.selectors import association_list_public
from associations.structures.taxonomy import Fee, PublicationStatus, Quartier, StructureKind
from associations.volunteering.models import MissionStatus, VolunteerMission

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
    "closed_from",
    "closed_until",
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
                "id", "association_id", "name", "fee", "opening_hours", "closed_from", "closed_until"
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


def card_rows(rows, *, now: dt.datetime | None = None) -> list[dict]:
    """What each card of a result page shows, as plain strings: the page is the portal's most
    used and template lookups on model methods (URLs, choice labels, nested loops) were most
    of its cost. Opening states include public holidays and temporary closures; a service
    with its own hours (the shower's) says its own state. No query: the rows are loaded."""
    now = timezone.localtime(now).replace(tzinfo=None, second=0, microsecond=0)
    url_pattern = reverse("associations:detail", kwargs={"slug": "slug-placeholder"})
    kinds, quartiers = dict(StructureKind.choices), dict(Quartier.choices)
    cards = []
    for association in rows:
        opening = opening_state(
            association.opening_hours,
            now=now,
            closed_from=association.closed_from,
            closed_until=association.closed_until,
        )
        meta = [kinds.get(association.kind, association.kind)]
        if association.quartier:
            meta.append(quartiers.get(association.quartier, association.quartier))
        if association.pmr_accessible:
            meta.append("accessible PMR")
        services = []
        for service in association.services.all():
            label = service.name + (" · gratuit" if service.fee == Fee.GRATUIT else "")
            if service.opening_hours:
                state = opening_state(
                    service.opening_hours,
                    now=now,
                    closed_from=service.closed_from,
                    closed_until=service.closed_until,
                )
                if state:
                    label += f" · {state.label}"
            services.append(label)
        address = (
            f"{association.street}, {association.postcode} {association.city}" if association.street else ""
        )
        cards.append(
            {
                "name": association.name,
                "url": url_pattern.replace("slug-placeholder", association.slug),
                "signatory": getattr(association, "is_signatory", False),
                "opening": opening,
                "meta": " — ".join(meta),
                "summary": association.summary,
                "services": services,
                "address": address,
                "phone": association.phone,
                "tel": association.phone.replace(" ", ""),
            }
        )
    return cards


@dataclass
class ResultGroup:
    """Other things the search box found: fiches actions, practices, missions."""

    title: str
    items: list[tuple[str, str, str]]  # (title, url, structure name)
    more_url: str = ""


GROUP_LIMIT = 5


GROUPS_TTL = 60


def search_other_groups(*, text: str) -> list[ResultGroup]:
    """The practices, fiches actions and open volunteer missions matching the same words
    (three queries, each bounded): shown as separate groups under the structures. They depend
    on the words only, so searches that differ by their filters share them for a minute."""
    words = query_words(text or "")
    if not words:
        return []
    key = (
        f"directory:groups:{directory_version()}:{hashlib.sha256(' '.join(words).encode()).hexdigest()[:32]}"
    )
    groups = cache.get(key)
    if groups is None:
        groups = _search_other_groups(text)
        cache.set(key, groups, GROUPS_TTL)
    return groups


def _search_other_groups(text: str) -> list[ResultGroup]:
    groups = []
    practices = practices_matching(text=text, limit=GROUP_LIMIT)
    if practices:
        groups.append(
            ResultGroup(
                "Pratiques inspirantes",
                [(p.title, p.get_absolute_url(), p.association.name) for p in practices],
                reverse("associations:practice_list") + "?" + _q(text),
            )
        )
    actions = list(
        search_filter(Action.objects.select_related("structure"), text)
        .only("title", "slug", "structure__name")
        .order_by("title", "id")[:GROUP_LIMIT]
    )
    if actions:
        groups.append(
            ResultGroup(
                "Fiches actions des centres sociaux",
                [(a.title, a.get_absolute_url(), a.structure.name) for a in actions],
                reverse("associations:practice_list") + "?" + _q(text),
            )
        )
    missions = list(
        search_filter(
            VolunteerMission.objects.filter(
                status=MissionStatus.PUBLISHED, association__status=PublicationStatus.PUBLISHED
            )
            .select_related("association")
            .only("title", "association__name"),
            text,
        ).order_by("-created_at", "-id")[:GROUP_LIMIT]
    )
    if missions:
        groups.append(
            ResultGroup(
                "Missions de bénévolat",
                [(m.title, m.get_absolute_url(), m.association.name) for m in missions],
            )
        )
    return groups


def _q(text: str) -> str:
    return urlencode({"q": text})


def search_suggestion(*, filterset: AssociationFilter, count: int) -> str | None:
    """« Vouliez-vous dire … ? » when a search found nothing (None otherwise)."""
    if count or not filterset.is_bound or not filterset.form.is_valid():
        return None
    text = filterset.form.cleaned_data.get("q")
    return suggestion(text) if text else None


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
