"""Reads for the public directory pages: the filtered list, the map, a card."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from associations.actions.models import Action
from associations.practices.selectors import practices_matching
from associations.search.index import Criteria, Listing
from associations.search.selectors import (
    Matches,
    listings_of,
    query_words,
    search_filter,
    structures_matching,
    suggestion,
    word_expressions,
)
from associations.structures.cache import directory_version
from associations.structures.hours import opening_state
from associations.structures.models import Association, Service
from associations.structures.selectors import association_list_public, with_marks
from associations.structures.taxonomy import Fee, PublicationStatus, Quartier, StructureKind
from associations.volunteering.models import MissionStatus, VolunteerMission

from .filters import DirectorySearchForm

# What a printed row shows; the rest (mission, figures…) stays in the database.
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


def directory_search(*, params, now: dt.datetime | None = None) -> tuple[DirectorySearchForm, Matches]:
    """The bound search form and every structure it finds, best first (no query while the
    directory index is current, see associations/search/index.py)."""
    form = DirectorySearchForm(params or None)
    data = form.criteria
    criteria = Criteria(
        words=word_expressions(data.get("q", "")),
        quartier=data.get("quartier", ""),
        langue=data.get("langue", ""),
        pmr=bool(data.get("pmr")),
        thematique=data.get("thematique", ""),
        public=data.get("public", ""),
        acces=data.get("acces", ""),
        gratuit=bool(data.get("gratuit")),
        when="now" if data.get("ouvert") else "today" if data.get("aujourdhui") else "",
    )
    return form, structures_matching(criteria, now=timezone.localtime(now))


def structures_in_order(pks: list[int]) -> list[Association]:
    """The printable list's rows of `pks`, in that order: two queries whatever the directory's
    size (the rows with their signatory flag, their services)."""
    # The printable list shows each service's name, fee and own hours, never its thematiques.
    # Ordered by association_id, not by Service's default ("association", then name), which
    # would join the associations table only to sort by their names.
    services = Service.objects.only(
        "id", "association_id", "name", "fee", "opening_hours", "closed_from", "closed_until"
    ).order_by("association_id", "name")
    rows = (
        with_marks(association_list_public().filter(pk__in=pks).order_by())
        .only(*LIST_FIELDS)
        .prefetch_related(Prefetch("services", queryset=services))
    )
    by_pk = {row.pk: row for row in rows}
    # A structure unpublished since the index was built is left out.
    return [by_pk[pk] for pk in pks if pk in by_pk]


def association_directory_page(*, params, page_number, per_page: int) -> tuple[DirectorySearchForm, Page]:
    """One page of the filtered directory, with the bound search form."""
    form, matches = directory_search(params=params)
    page = Paginator(matches.pks, per_page).get_page(page_number)
    page.object_list = listings_of(list(page.object_list))
    page.approximate = matches.approximate
    return form, page


def card_rows(rows: list[Listing], *, now: dt.datetime | None = None) -> list[dict]:
    """What each card of a result page shows, as plain strings: the page is the portal's most
    used and template lookups on model methods (URLs, choice labels, nested loops) were most
    of its cost. Opening states include public holidays and temporary closures; a service
    with its own hours (the shower's) says its own state. No query: the listings are the
    directory index's."""
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
        for service in association.services:
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


def words_ignored(*, form: DirectorySearchForm) -> bool:
    """Whether words were typed but none is searched for (only stop words or symbols)."""
    text = form.criteria.get("q", "")
    return bool(text.strip()) and not query_words(text)


def search_suggestion(*, form: DirectorySearchForm, page: Page) -> str | None:
    """« Vouliez-vous dire … ? » when the words found nothing as typed (None otherwise)."""
    text = form.criteria.get("q")
    if not text or (page.paginator.count and not page.approximate):
        return None
    proposed = suggestion(text)
    if proposed is None:
        return None
    # Offered only when it finds something as spelt, with the same filters (« épicerie
    # solidaires » once led to nothing either).
    params = form.data.copy()
    params["q"] = proposed
    _, matches = directory_search(params=params)
    return proposed if matches.pks and not matches.approximate else None


def map_points(pks: list[int], *, limit: int) -> list[dict]:
    """Positions of the structures found, in the search's order, for the map (one query, no
    model instances)."""
    rows = {
        row["pk"]: row
        for row in association_list_public()
        .filter(pk__in=pks, latitude__isnull=False)
        .values("pk", "name", "slug", "latitude", "longitude", "street", "postcode", "city")
    }
    located = [rows[pk] for pk in pks if pk in rows][:limit]
    return [
        {
            "name": row["name"],
            "url": reverse("associations:detail", kwargs={"slug": row["slug"]}),
            "lat": float(row["latitude"]),
            "lng": float(row["longitude"]),
            "address": " ".join(p for p in [row["street"], row["postcode"], row["city"]] if p),
        }
        for row in located
    ]


def association_get_public(*, slug: str) -> Association:
    return (
        with_marks(Association.objects.filter(status=PublicationStatus.PUBLISHED))
        .prefetch_related("services__thematiques")
        .get(slug=slug)
    )
