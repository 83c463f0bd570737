"""Reads on editions and their programme."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from .models import CongressDay, CongressEdition, Session


def editions() -> QuerySet[CongressEdition]:
    return CongressEdition.objects.prefetch_related("themes").order_by("-year")


def _with_programme() -> QuerySet[CongressEdition]:
    sessions = Prefetch(
        "sessions",
        queryset=Session.objects.select_related("theme").order_by("starts_at", "kind", "title"),
    )
    return CongressEdition.objects.prefetch_related(
        "themes", Prefetch("days", queryset=CongressDay.objects.order_by("date").prefetch_related(sessions))
    )


def edition_get(*, year: int) -> CongressEdition:
    """One edition with its themes, days and programme (four queries)."""
    return _with_programme().get(year=year)


@dataclass
class Featured:
    edition: CongressEdition | None
    upcoming: bool


def featured_edition() -> Featured:
    """The edition /congres/ shows: the next one when there is one, else the last one."""
    today = timezone.localdate()
    upcoming = _with_programme().filter(ends_on__gte=today).order_by("starts_on").first()
    if upcoming:
        return Featured(edition=upcoming, upcoming=True)
    return Featured(edition=_with_programme().order_by("-starts_on").first(), upcoming=False)


OPEN_EDITION_KEY = "congress:open-for-registration"
OPEN_EDITION_TTL = 60  # seconds: a registration opens or closes on the home page within a minute
_MISSING = object()  # None is a cached answer (no edition open)


def edition_open_for_registration() -> CongressEdition | None:
    """The next edition whose online registration is open now (the home page announces it), or
    None. The same rule as `CongressEdition.registration_state`, in one query, cached a minute:
    every home page view asks, and the answer changes a few times a year."""
    found = cache.get(OPEN_EDITION_KEY, _MISSING)
    if found is not _MISSING:
        return found
    now = timezone.now()
    found = (
        CongressEdition.objects.filter(ends_on__gte=timezone.localdate(now), registration_opens_at__lte=now)
        .filter(Q(registration_closes_at__isnull=True) | Q(registration_closes_at__gt=now))
        .order_by("starts_on")
        .first()
    )
    cache.set(OPEN_EDITION_KEY, found, OPEN_EDITION_TTL)
    return found


def staff_tools_edition() -> CongressEdition | None:
    """The edition the staff's links lead to (staff home, admin): the next or current one, else
    the last one (one query)."""
    today = timezone.localdate()
    upcoming = CongressEdition.objects.filter(ends_on__gte=today).order_by("starts_on").first()
    return upcoming or CongressEdition.objects.order_by("-starts_on").first()
