"""Reads for the observatoire: network figures built from validated sheets only, by SQL
aggregation (a fixed number of queries whatever the number of structures or years: tested at 50
and 500 structures), protected by statistical secrecy (`secrecy`) unless the reader is staff
asking for an internal version."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from associations.structures.models import Association
from associations.structures.taxonomy import Quartier, StructureKind
from indicators.catalogue.formulas import evaluate, formula_codes
from indicators.catalogue.models import Campaign, Family, IndicatorDefinition
from indicators.catalogue.selectors import campaign_layout, indicator_decimals
from indicators.sheets.models import Sheet, SheetStatus, SheetValue
from indicators.sheets.selectors import expected_associations
from indicators.territories.selectors import quartier_references, reference_sources
from solidaire.core.text.french import format_percent

from .models import ReportPublication
from .secrecy import Cell, derived, evolution_text, protect, protect_group, share_text

HISTORY_YEARS = 10
# The key figures of the network, in the order of the report: (label, indicator code).
KEY_CODES = ["accueils", "passages", "personnes", "repas", "aides_secours", "heures_benevolat"]
RATIO_LABEL = "Rapport bénévoles / salariés (ETP)"
SPECIFIC_PUBLICS = ["sans_domicile", "familles_monoparentales", "demandeurs_asile"]
BREAKDOWN_CODES = ["personnes", "accueils", "passages"]
NOT_SET = "Non renseigné"


class NoValidatedSheet(LookupError):
    """The year has no validated sheet: there is nothing to report (message in French)."""


def decimals_for(indicator: IndicatorDefinition) -> int:
    """The indicator's precision (`catalogue.selectors.indicator_decimals`, the one rule)."""
    return indicator_decimals(indicator)


def unit_label(indicator: IndicatorDefinition) -> str:
    return indicator.get_unit_display()


@dataclass
class Figure:
    """One indicator across the years of the report (cells aligned with `years`)."""

    code: str
    label: str
    unit: str
    years: list[int]
    cells: list[Cell]
    family: str = ""

    @property
    def current(self) -> Cell:
        return self.cells[-1]

    @property
    def decimals(self) -> int:
        """The indicator's precision (`decimals_for`), carried by its cells."""
        return self.cells[-1].decimals if self.cells else 0

    @property
    def previous(self) -> Cell | None:
        return self.cells[-2] if len(self.cells) > 1 else None

    @property
    def evolution(self) -> str:
        return evolution_text(self.current, self.previous)

    @property
    def rows(self) -> list[tuple[int, Cell]]:
        return list(zip(self.years, self.cells, strict=True))


@dataclass
class BreakdownTable:
    """A split of network totals (by quartier, by kind): one row per part, one column per code."""

    title: str
    row_label: str
    codes: list[tuple[str, str]]  # (code, column label)
    rows: list[dict] = field(default_factory=list)  # {"label", "structures", "cells": [Cell…]}
    totals: list[Cell] = field(default_factory=list)


@dataclass
class NetworkReport:
    campaign: Campaign
    year: int
    years: list[int]
    internal: bool
    key_figures: list[Figure]
    ratio: Figure | None
    typology: list[dict]
    typology_total: Cell | None
    publics: list[dict]
    prestations: list[Figure]
    completeness: dict
    by_quartier: BreakdownTable
    by_kind: BreakdownTable
    crossing: list[dict]
    sources: list[dict]
    annex: list[Figure]
    data_as_of: dt.datetime | None
    territories: list = field(default_factory=list)

    @property
    def has_suppression(self) -> bool:
        return any(c.suppressed for f in self.key_figures + self.annex for c in f.cells)


def current_publication() -> ReportPublication | None:
    """The report staff published last (its file produced), shown on the public page."""
    return ReportPublication.objects.select_related("document").exclude(document__file_name="").first()


def published_document_ids(*, documents: list) -> set[int]:
    """Which of these generated documents are published."""
    return set(ReportPublication.objects.filter(document__in=documents).values_list("document_id", flat=True))


def years_with_validated_sheets() -> list[int]:
    """The campaign years that have at least one validated sheet, oldest first (one query)."""
    validated = Sheet.objects.filter(status=SheetStatus.VALIDATED)
    return sorted(validated.values_list("campaign__year", flat=True).order_by().distinct())


def latest_validated_year() -> int | None:
    """The public page's campaign: the latest closed one with validated sheets (a campaign still
    open would show partial figures), else the latest with any validated sheet. One query."""
    rows = list(
        Sheet.objects.filter(status=SheetStatus.VALIDATED)
        .values_list("campaign__year", "campaign__closes_on")
        .order_by()
        .distinct()
    )
    today = timezone.localdate()
    closed = [year for year, closes_on in rows if closes_on < today]
    return max(closed or [year for year, _ in rows], default=None)


def _validated_values(years: list[int]):
    return SheetValue.objects.filter(sheet__status=SheetStatus.VALIDATED, sheet__campaign__year__in=years)


def _totals(years: list[int]) -> dict[tuple[int, str, str | None], tuple[Decimal, int]]:
    """(year, code, category code) → (sum, number of structures): one aggregate query."""
    rows = (
        _validated_values(years)
        .values_list("sheet__campaign__year", "indicator__code", "category__code")
        .annotate(total=Sum("value"), structures=Count("sheet_id", distinct=True))
        .order_by()
    )
    return {(year, code, cat): (total, n) for year, code, cat, total, n in rows}


def _split_totals(year: int, codes: list[str], by: str) -> dict[tuple[str, str], tuple[Decimal, int]]:
    """(code, part) → (sum, structures) for the year's totals split by a field of the structure."""
    rows = (
        _validated_values([year])
        .filter(indicator__code__in=codes, category__isnull=True)
        .values_list("indicator__code", f"sheet__association__{by}")
        .annotate(total=Sum("value"), structures=Count("sheet_id", distinct=True))
        .order_by()
    )
    return {(code, part or ""): (total, n) for code, part, total, n in rows}


def _cell(found: tuple[Decimal, int] | None, decimals: int = 0) -> Cell:
    if found is None:
        return Cell(value=None, structures=0, decimals=decimals)
    return Cell(value=found[0], structures=found[1], decimals=decimals)


def _figure(indicator, years, totals, internal, category=None) -> Figure:
    if indicator.formula:
        operand_codes = sorted(formula_codes(indicator.formula))
        cells = []
        for year in years:
            operands = {code: _cell(totals.get((year, code, None))) for code in operand_codes}
            value = evaluate(indicator.formula, {c: cell.value for c, cell in operands.items()})
            for cell in operands.values():
                protect(cell, internal=internal)
            cell = derived(value, *operands.values(), decimals=1) if operands else Cell(None)
            cells.append(protect(cell, internal=internal))
    else:
        decimals = decimals_for(indicator)
        cells = [
            protect(_cell(totals.get((year, indicator.code, category)), decimals), internal=internal)
            for year in years
        ]
    return Figure(
        code=indicator.code,
        label=indicator.label,
        unit=unit_label(indicator),
        years=years,
        cells=cells,
        family=indicator.family,
    )


def _breakdown(title, row_label, year, indicators, network, split, parts, internal) -> BreakdownTable:
    codes = [(code, indicators[code].label) for code in BREAKDOWN_CODES if code in indicators]
    table = BreakdownTable(title=title, row_label=row_label, codes=codes)
    columns = []
    for code, _ in codes:
        total = _cell(network.get((year, code, None)))
        cells = [_cell(split.get((code, value))) for value, _ in parts]
        protect_group(total, cells, internal=internal)
        table.totals.append(total)
        columns.append(cells)
    for index, (value, label) in enumerate(parts):
        cells = [column[index] for column in columns]
        structures = max((c.structures for c in cells), default=0)
        if structures:
            table.rows.append({"code": value, "label": label, "structures": structures, "cells": cells})
    return table


def _completeness(year: int) -> dict:
    by_status = dict(
        Sheet.objects.filter(campaign__year=year).values_list("status").annotate(n=Count("id")).order_by()
    )
    contributors = list(
        Sheet.objects.filter(campaign__year=year, status=SheetStatus.VALIDATED)
        .order_by("association__name")
        .values_list("association__name", "validated_at")
    )
    # Expected: who is asked today, plus whoever opened a sheet that year (since unpublished).
    expected = (
        Association.objects.filter(Q(pk__in=expected_associations()) | Q(sheets__campaign__year=year))
        .distinct()
        .count()
    )
    validated = by_status.get(SheetStatus.VALIDATED, 0)
    return {
        "expected": expected,
        "validated": validated,
        "submitted": by_status.get(SheetStatus.SUBMITTED, 0),
        "in_progress": by_status.get(SheetStatus.DRAFT, 0) + by_status.get(SheetStatus.RETURNED, 0),
        "rate_text": format_percent(Decimal(validated) / expected) if expected else "",
        "contributors": [name for name, _ in contributors],
        "data_as_of": max((at for _, at in contributors if at), default=None),
    }


def _crossing(year, by_quartier: BreakdownTable) -> tuple[list[dict], list, list[dict]]:
    references = quartier_references(year=year)
    present = dict(expected_associations().values_list("quartier").annotate(n=Count("id")).order_by())
    rows_by_code = {row["code"]: row for row in by_quartier.rows}
    codes = [code for code, _ in by_quartier.codes]
    rows = []
    for ref in references:
        quartier = ref.territory.quartier or ref.territory.code
        row = rows_by_code.get(quartier)
        cells = dict(zip(codes, row["cells"], strict=True)) if row else {}
        persons = cells.get("personnes") or Cell(None)
        accueils = cells.get("accueils") or Cell(None)
        population = ref.value("population")
        per_thousand = None
        if accueils.value is not None and population:
            per_thousand = accueils.value * 1000 / population
        rate = derived(per_thousand, accueils, decimals=1) if accueils.structures else Cell(None)
        rows.append(
            {
                "territory": ref.territory,
                "structures": present.get(quartier, 0),
                "persons": persons,
                "accueils": accueils,
                "per_thousand": rate,
                "reference": ref,
                "population": population,
                "poverty": ref.value("taux_pauvrete"),
                "minimum_income": ref.value("part_minima_sociaux"),
                "unemployment": ref.value("taux_chomage"),
                "single_parent": ref.value("familles_monoparentales"),
            }
        )
    return rows, references, reference_sources(references)


def network_report(*, year: int, internal: bool = False) -> NetworkReport:
    """Everything the annual report (and the public page) shows for `year`. Raises
    NoValidatedSheet when the year has none. A fixed number of queries."""
    campaign = Campaign.objects.filter(year=year).first()
    if campaign is None:
        raise NoValidatedSheet(f"Il n'y a pas de campagne d'indicateurs pour {year}.")
    years = sorted(
        Campaign.objects.filter(year__lte=year)
        .order_by("-year")
        .values_list("year", flat=True)[:HISTORY_YEARS]
    )
    totals = _totals(years)
    if not any(key[0] == year for key in totals):
        raise NoValidatedSheet(
            f"Aucune fiche validée pour la campagne {year} : validez au moins une fiche avant de "
            "produire le rapport (les fiches non validées ne sont jamais comptées)."
        )
    layout = campaign_layout(campaign=campaign)
    indicators = layout.by_code
    key_figures = [_figure(indicators[c], years, totals, internal) for c in KEY_CODES if c in indicators]
    ratio = None
    if "ratio_benevoles_salaries" in indicators:
        ratio = _figure(indicators["ratio_benevoles_salaries"], years, totals, internal)
        ratio.label = RATIO_LABEL
    typology, typology_total = [], None
    if "typologie" in indicators:
        categories = indicators["typologie"].categories
        cells = [_cell(totals.get((year, "typologie", c.code))) for c in categories]
        typology_total = Cell(
            value=sum((c.value or 0 for c in cells), Decimal(0)),
            structures=max((c.structures for c in cells), default=0),
        )
        protect_group(typology_total, cells, internal=internal)
        typology = [
            {"label": c.label, "cell": cell, "share": share_text(cell, typology_total)}
            for c, cell in zip(categories, cells, strict=True)
        ]
    persons = _cell(totals.get((year, "personnes", None)))
    protect(persons, internal=internal)
    publics = []
    for code in SPECIFIC_PUBLICS:
        if code in indicators:
            cell = protect(_cell(totals.get((year, code, None))), internal=internal)
            publics.append(
                {"label": indicators[code].label, "cell": cell, "share": share_text(cell, persons)}
            )
    prestations = [
        _figure(item.indicator, years[-2:], totals, internal)
        for item in layout.items
        if item.indicator.family == Family.PRESTATIONS
    ]
    quartiers = [(q.value, q.label) for q in Quartier] + [("", NOT_SET)]
    kinds = [(k.value, k.label) for k in StructureKind] + [("", NOT_SET)]
    network = {k: v for k, v in totals.items() if k[0] == year}
    codes = [c for c in BREAKDOWN_CODES if c in indicators]
    by_quartier = _breakdown(
        "Par quartier",
        "Quartier",
        year,
        indicators,
        network,
        _split_totals(year, codes, "quartier"),
        quartiers,
        internal,
    )
    by_kind = _breakdown(
        "Par type de structure",
        "Type de structure",
        year,
        indicators,
        network,
        _split_totals(year, codes, "kind"),
        kinds,
        internal,
    )
    crossing, territories, sources = _crossing(year, by_quartier)
    completeness = _completeness(year)
    annex = [
        _figure(item.indicator, years, totals, internal)
        for item in layout.items
        if not item.indicator.breakdown
    ]
    return NetworkReport(
        campaign=campaign,
        year=year,
        years=years,
        internal=internal,
        key_figures=key_figures,
        ratio=ratio,
        typology=typology,
        typology_total=typology_total,
        publics=publics,
        prestations=prestations,
        completeness=completeness,
        by_quartier=by_quartier,
        by_kind=by_kind,
        crossing=crossing,
        sources=sources,
        annex=annex,
        data_as_of=completeness["data_as_of"],
        territories=[ref.territory for ref in territories],
    )


def per_structure_totals(*, family: str, years: list[int]) -> dict:
    """Internal thematic tables only: (structure name, code, year) → total. One query."""
    rows = (
        _validated_values(years)
        .filter(indicator__family=family, category__isnull=True)
        .values_list("sheet__association__name", "indicator__code", "sheet__campaign__year", "value")
        .order_by()
    )
    found: dict = defaultdict(dict)
    for name, code, year, total in rows:
        found[(name, code)][year] = total
    return found
