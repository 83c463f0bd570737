"""Reads of the reference data: the quartiers with their latest reference indicators."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .models import ReferenceIndicator, ReferenceValue, Territory, TerritoryKind


@dataclass
class TerritoryReference:
    territory: Territory
    # indicator code → the value kept (the latest year not after the asked one, else the latest).
    values: dict[str, ReferenceValue] = field(default_factory=dict)

    def value(self, code: str) -> Decimal | None:
        found = self.values.get(code)
        return found.value if found else None


def quartier_references(*, year: int | None = None) -> list[TerritoryReference]:
    """Every quartier territory with, per reference indicator, the value of `year` or the closest
    earlier year (a later one when there is none). Two queries whatever the number of rows."""
    territories = list(Territory.objects.filter(kind=TerritoryKind.QUARTIER).order_by("name"))
    by_id = {t.pk: TerritoryReference(territory=t) for t in territories}
    rows = ReferenceValue.objects.filter(territory__in=territories).order_by("year")
    for row in rows:
        values = by_id[row.territory_id].values
        # Rows come oldest first: the latest year up to `year` wins; else the earliest after it.
        if year is None or row.year <= year or row.indicator not in values:
            values[row.indicator] = row
    return list(by_id.values())


def reference_sources(references: list[TerritoryReference]) -> list[dict]:
    """The distinct (indicator, year, source, licence, demo) behind the values shown."""
    seen = {}
    for ref in references:
        for value in ref.values.values():
            key = (value.indicator, value.year, value.source, value.licence)
            seen[key] = {
                "indicator": ReferenceIndicator(value.indicator).label,
                "year": value.year,
                "source": value.source,
                "licence": value.licence,
                "is_demo": value.is_demo,
            }
    return [seen[k] for k in sorted(seen)]
