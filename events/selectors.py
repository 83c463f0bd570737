"""Reads on events."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from .models import Event, EventStatus


def upcoming_events(*, limit: int | None = None) -> QuerySet[Event]:
    qs = Event.objects.filter(status=EventStatus.PUBLISHED, ends_at__gte=timezone.now())
    qs = qs.order_by("starts_at")
    return qs[:limit] if limit else qs


def past_events(*, limit: int = 20) -> QuerySet[Event]:
    return Event.objects.filter(status=EventStatus.PUBLISHED, ends_at__lt=timezone.now()).order_by(
        "-starts_at"
    )[:limit]


def event_get_public(*, slug: str) -> Event:
    return Event.objects.filter(status=EventStatus.PUBLISHED).get(slug=slug)
