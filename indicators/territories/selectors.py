"""Reads of the reference data: the quartiers with their latest reference indicators."""

from __future__ import annotations

from collections import defaultdict
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
    earlier year (a later one when there is none). A quartier without its own value gets one from
    its IRIS zones: population summed, rates averaged with the zones' populations as weights.
    Two queries whatever the number of rows."""
    territories = list(Territory.objects.order_by("name"))
    by_id = {t.pk: TerritoryReference(territory=t) for t in territories}
    rows = ReferenceValue.objects.filter(territory__in=territories).order_by("year")
    for row in rows:
        values = by_id[row.territory_id].values
        # Rows come oldest first: the latest year up to `year` wins; else the earliest after it.
        if year is None or row.year <= year or row.indicator not in values:
            values[row.indicator] = row
    zones: dict[str, list[TerritoryReference]] = defaultdict(list)
    for ref in by_id.values():
        if ref.territory.kind == TerritoryKind.IRIS and ref.territory.quartier:
            zones[ref.territory.quartier].append(ref)
    quartiers = [ref for ref in by_id.values() if ref.territory.kind == TerritoryKind.QUARTIER]
    for ref in quartiers:
        for indicator in ReferenceIndicator:
            if indicator not in ref.values:
                combined = _from_zones(ref.territory, indicator, zones.get(ref.territory.quartier, []))
                if combined is not None:
                    ref.values[indicator] = combined
    return quartiers


def _from_zones(territory: Territory, indicator: str, zones: list[TerritoryReference]):
    """A quartier's value built from its IRIS zones (not saved), or None when they have none."""
    found = [
        (z.values[indicator], z.value(ReferenceIndicator.POPULATION)) for z in zones if indicator in z.values
    ]
    if not found:
        return None
    if indicator == ReferenceIndicator.POPULATION:
        value, how = sum(v.value for v, _ in found), "somme des IRIS"
    elif all(population for _, population in found):
        weight = sum(population for _, population in found)
        value = sum(v.value * population for v, population in found) / weight
        how = "moyenne des IRIS pondérée par leur population"
    else:
        value, how = sum(v.value for v, _ in found) / len(found), "moyenne simple des IRIS"
    rows = [v for v, _ in found]
    return ReferenceValue(
        territory=territory,
        indicator=indicator,
        year=max(v.year for v in rows),
        value=Decimal(value).quantize(Decimal("0.1")),
        source=f"{' ; '.join(sorted({v.source for v in rows}))} ({how})",
        licence=" ; ".join(sorted({v.licence for v in rows})),
        is_demo=any(v.is_demo for v in rows),
    )


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


def territories_for_import() -> list[Territory]:
    """The territories an import may name (by code or name), quartiers first."""
    return list(Territory.objects.order_by("kind", "name").only("code", "name", "kind"))
