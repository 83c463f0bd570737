"""Reads on editions and their programme."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
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


def staff_tools_edition() -> CongressEdition | None:
    """The edition the staff's links lead to (staff home, admin): the next or current one, else
    the last one (one query)."""
    today = timezone.localdate()
    upcoming = CongressEdition.objects.filter(ends_on__gte=today).order_by("starts_on").first()
    return upcoming or CongressEdition.objects.order_by("-starts_on").first()
