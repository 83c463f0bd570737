"""Reads on the congress."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import CongressEdition


def editions() -> QuerySet[CongressEdition]:
    return CongressEdition.objects.prefetch_related("workshops").order_by("-year")


def edition_get(*, year: int) -> CongressEdition:
    return CongressEdition.objects.prefetch_related("workshops").get(year=year)
