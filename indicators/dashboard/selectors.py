"""Reads for a structure's dashboard: its yearly totals next to the network's median."""

from __future__ import annotations

import statistics
from collections import defaultdict
from decimal import Decimal

from associations.structures.models import Association
from indicators.catalogue.models import IndicatorDefinition
from indicators.sheets.models import SheetStatus, SheetValue

# Statistical secrecy (the "rule of 3" of French public statistics): a network median over one
# or two sheets would give away another structure's figure (the median of two is their mean,
# and the viewer knows their own), so it is shown from three sheets on.
MEDIAN_MIN_SHEETS = 3


def dashboard_series(*, association: Association, up_to_year: int | None = None) -> list[dict]:
    """For each indicator ever answered: this structure's yearly totals next to the network's
    median of validated sheets. Only medians leave this function, never another structure's
    figures. `up_to_year` stops at that campaign (the staff's « fiche structure 2025 » leaves 2026
    out). Two queries whatever the history."""
    own: dict[str, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    rows = (
        SheetValue.objects.filter(sheet__association=association)
        .filter(**({"sheet__campaign__year__lte": up_to_year} if up_to_year else {}))
        .exclude(sheet__status=SheetStatus.DRAFT)
        .values_list("indicator__code", "sheet__campaign__year", "value")
    )
    for code, year, value in rows:
        own[code][year] += value
    if not own:
        return []
    network: dict[tuple[str, int], dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    rows = (
        SheetValue.objects.filter(sheet__status=SheetStatus.VALIDATED, indicator__code__in=list(own))
        .values_list("indicator__code", "sheet__campaign__year", "sheet_id", "value")
        .iterator(chunk_size=5000)
    )
    for code, year, sheet_id, value in rows:
        network[(code, year)][sheet_id] += value
    indicators = IndicatorDefinition.objects.filter(code__in=list(own)).order_by("family", "order", "code")
    series = []
    for indicator in indicators:
        years = sorted(own[indicator.code])
        medians = []
        for year in years:
            per_sheet = list(network.get((indicator.code, year), {}).values())
            enough = len(per_sheet) >= MEDIAN_MIN_SHEETS
            medians.append(Decimal(statistics.median(per_sheet)) if enough else None)
        series.append(
            {
                "indicator": indicator,
                "years": years,
                "values": [own[indicator.code][y] for y in years],
                "medians": medians,
            }
        )
    return series
