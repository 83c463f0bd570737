"""Reads for the public pages and feeds. Each runs a fixed number of queries whatever the number
of editions: relations are joined (`select_related`) or prefetched once per page."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone

from associations.structures.models import Association
from solidaire.core.text.french import DAYS, format_month

from ..calendar.models import Edition, EventSeries, Stage
from ..participation.models import Participation, ParticipationStatus
from .filters import EditionFilter, month_bounds

PAGE_SIZE = 20
FEED_LIMIT = 5000  # a calendar app refuses giant feeds; the network holds a few dozen a year


def _listed() -> QuerySet[Edition]:
    return Edition.objects.select_related("series").defer(
        "description", "report", "accessibility", "ics_vevent", "series__description"
    )


def upcoming_events(*, limit: int | None = None) -> QuerySet[Edition]:
    """The next editions (those not over yet), soonest first; a cancelled one stays listed so
    that visitors see it is cancelled. One query."""
    qs = _listed().filter(ends_at__gte=timezone.now()).order_by("starts_at", "pk")
    return qs[:limit] if limit else qs


def edition_filter(*, params: QueryDict) -> EditionFilter:
    """The page's filters bound to the query string. Without a month, only what is to come;
    with one, that month's editions, past ones included."""
    base = _listed().order_by("starts_at", "pk")
    filterset = EditionFilter(params, queryset=base)
    filterset.is_valid()  # an invalid field is dropped from filtering (and shown with its error)
    return filterset


def filtered_editions(filterset: EditionFilter) -> QuerySet[Edition]:
    qs = filterset.qs
    if not filterset.form.cleaned_data.get("mois"):
        qs = qs.filter(ends_at__gte=timezone.now())
    return qs


def edition_page(*, filterset: EditionFilter, number: str | int | None) -> Page:
    """One page of the list (2 queries: count and rows)."""
    return Paginator(filtered_editions(filterset), PAGE_SIZE).get_page(number)


@dataclass
class MonthDay:
    day: dt.date | None
    editions: list[Edition] = field(default_factory=list)


@dataclass
class MonthView:
    month: str  # « 2027-06 »
    first: dt.date
    weeks: list[list[MonthDay]]
    previous: str
    next: str
    count: int
    label: str  # « juin 2027 »
    day_names: tuple[str, ...] = tuple(DAYS)


def _first_month_with_events(filterset: EditionFilter) -> str:
    """The month the view opens on: this month if an event is still to come in it, else the month
    of the next event (an empty December is no use when the next events are in March); this
    month when nothing is announced. One query."""
    today = timezone.localdate()
    upcoming = (
        filterset.qs.filter(ends_at__gte=timezone.now())
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
    )
    first = upcoming.first()
    day = max(timezone.localtime(first).date(), today) if first else today
    return f"{day.year:04d}-{day.month:02d}"


def month_view(*, filterset: EditionFilter, month: str | None) -> MonthView:
    """A month as weeks of days (Monday first), each day with the editions running that day.
    One query for the month's editions."""
    if not month:
        month = _first_month_with_events(filterset)
    start, end = month_bounds(month)
    editions = list(filterset.qs.filter(starts_at__lt=end, ends_at__gte=start))
    first = start.date()
    by_day: dict[dt.date, list[Edition]] = {}
    for edition in editions:
        day = max(edition.start_date, first)
        last = min(edition.end_date, (end - dt.timedelta(days=1)).date())
        while day <= last:
            by_day.setdefault(day, []).append(edition)
            day += dt.timedelta(days=1)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
        weeks.append(
            [MonthDay(d, by_day.get(d, [])) if d.month == first.month else MonthDay(None) for d in week]
        )
    before = first - dt.timedelta(days=1)
    after = end.date()
    return MonthView(
        month=month,
        first=first,
        weeks=weeks,
        previous=f"{before.year:04d}-{before.month:02d}",
        next=f"{after.year:04d}-{after.month:02d}",
        count=len(editions),
        label=format_month(first),
    )


def _accepted() -> Prefetch:
    return Prefetch(
        "participations",
        queryset=Participation.objects.filter(status=ParticipationStatus.ACCEPTED)
        .select_related("association")
        .order_by("association__name"),
        to_attr="accepted_participations",
    )


def edition_get_public(*, slug: str) -> Edition:
    """An edition with everything its page shows (a fixed number of queries)."""
    return (
        Edition.objects.select_related("series")
        .prefetch_related(
            "organisers",
            "series__organisers",
            Prefetch("stages", queryset=Stage.objects.order_by("position", "starts_at")),
            "photos",
            _accepted(),
        )
        .get(slug=slug)
    )


def series_get(*, slug: str) -> EventSeries:
    return EventSeries.objects.prefetch_related("organisers").get(slug=slug)


def series_editions(*, series: EventSeries) -> tuple[list[Edition], list[Edition]]:
    """(upcoming, past) editions of a series; past ones with their report and photos."""
    editions = list(series.editions.prefetch_related("photos", _accepted()).order_by("-starts_at", "-pk"))
    now = timezone.now()
    upcoming = sorted((e for e in editions if e.ends_at >= now), key=lambda e: e.starts_at)
    return upcoming, [e for e in editions if e.ends_at < now]


def all_series() -> QuerySet[EventSeries]:
    return EventSeries.objects.order_by("kind", "name")


FEED_FIELDS = ("pk", "title", "sequence", "updated_at", "series__updated_at", "ics_vevent", "ics_fingerprint")


def feed_rows(*, filterset: EditionFilter, limit: int = FEED_LIMIT) -> list[dict]:
    """The calendar feed: what is to come (and what ended less than a month ago, so that a
    subscribed calendar still sees a last-minute cancellation), as rows holding each stored
    VEVENT and what it was written from. One query, no model instances."""
    since = timezone.now() - dt.timedelta(days=30)
    return list(
        filterset.qs.filter(ends_at__gte=since).order_by("starts_at", "pk").values(*FEED_FIELDS)[:limit]
    )


def edition_feed_rows(*, slug: str) -> list[dict]:
    """One edition's feed row (empty when there is no such edition)."""
    return list(Edition.objects.filter(slug=slug).values(*FEED_FIELDS))


def events_of_structure(*, association: Association, limit: int = 10) -> list[Edition]:
    """Editions a structure takes part in or organises, the coming ones first then the most
    recent past ones. One query."""
    taking_part = Participation.objects.filter(
        edition=OuterRef("pk"), association=association, status=ParticipationStatus.ACCEPTED
    )
    organising = Edition.organisers.through.objects.filter(edition=OuterRef("pk"), association=association)
    editions = list(
        _listed().filter(Q(Exists(taking_part)) | Q(Exists(organising))).order_by("-starts_at")[: limit * 3]
    )
    now = timezone.now()
    upcoming = sorted((e for e in editions if e.ends_at >= now), key=lambda e: e.starts_at)
    return (upcoming + [e for e in editions if e.ends_at < now])[:limit]
