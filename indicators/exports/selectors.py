"""Reads for the exports: which values a download holds (the formats read them row by row)."""

from __future__ import annotations

from django.db.models import QuerySet

from associations.structures.models import Association
from indicators.sheets.models import SheetValue


def values_of_association(*, association: Association) -> QuerySet[SheetValue]:
    """A structure's own values, every year (never another structure's)."""
    return SheetValue.objects.filter(sheet__association=association)


def values_of_year(*, year: int | None = None) -> QuerySet[SheetValue]:
    """Every value of that campaign year, or of every year when `year` is None."""
    values = SheetValue.objects.all()
    return values if year is None else values.filter(sheet__campaign__year=year)
