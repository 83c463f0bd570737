"""A network report as plain tables (title, header, rows of texts): the staff dashboard shows
them as HTML and offers each one as CSV. Hidden cells keep their « s »."""

from __future__ import annotations

from dataclasses import dataclass

from solidaire.core.text.french import format_number

from .selectors import NetworkReport


@dataclass
class Table:
    slug: str
    title: str
    header: list[str]
    rows: list[list[str]]


def _text(value) -> str:
    return "—" if value is None else format_number(value)


def report_tables(report: NetworkReport) -> list[Table]:
    year, years = report.year, report.years
    figures = report.key_figures + ([report.ratio] if report.ratio else [])
    tables = [
        Table(
            "chiffres-cles",
            f"Chiffres clés du réseau, {years[0]}–{year}",
            ["Indicateur", "Unité", *map(str, years), "Évolution sur un an"],
            [[f.label, f.unit, *(c.text for c in f.cells), f.evolution] for f in figures],
        ),
        Table(
            "typologie",
            f"Typologie du public, {year}",
            ["Catégorie", "Personnes", "Part"],
            [[r["label"], r["cell"].text, r["share"]] for r in report.typology],
        ),
        Table(
            "publics",
            f"Publics spécifiques, {year}",
            ["Public", "Personnes", "Part des personnes accueillies"],
            [[r["label"], r["cell"].text, r["share"]] for r in report.publics],
        ),
        Table(
            "prestations",
            f"Prestations, {year}",
            ["Prestation", "Unité", *map(str, years[-2:]), "Évolution"],
            [[f.label, f.unit, *(c.text for c in f.cells), f.evolution] for f in report.prestations],
        ),
    ]
    for slug, breakdown in (("quartiers", report.by_quartier), ("types", report.by_kind)):
        tables.append(
            Table(
                slug,
                f"{breakdown.title}, {year}",
                [breakdown.row_label, "Structures", *(label for _, label in breakdown.codes)],
                [[r["label"], str(r["structures"]), *(c.text for c in r["cells"])] for r in breakdown.rows]
                + [["Réseau", str(report.completeness["validated"]), *(c.text for c in breakdown.totals)]],
            )
        )
    tables.append(
        Table(
            "croisement",
            f"Activité du réseau et indicateurs socio-économiques par quartier, {year}",
            [
                "Quartier",
                "Structures présentes",
                "Personnes accueillies",
                "Accueils",
                "Accueils pour\u00a01\u202f000\u00a0habitants",
                "Population",
                "Taux de pauvreté (%)",
                "Minima sociaux (%)",
                "Chômage (%)",
                "Familles monoparentales (%)",
            ],
            [
                [
                    r["territory"].name,
                    str(r["structures"]),
                    r["persons"].text,
                    r["accueils"].text,
                    r["per_thousand"].text,
                    _text(r["population"]),
                    _text(r["poverty"]),
                    _text(r["minimum_income"]),
                    _text(r["unemployment"]),
                    _text(r["single_parent"]),
                ]
                for r in report.crossing
            ],
        )
    )
    tables.append(
        Table(
            "annexe",
            f"Tous les indicateurs, totaux du réseau {years[0]}–{year}",
            ["Indicateur", "Unité", *map(str, years)],
            [[f.label, f.unit, *(c.text for c in f.cells)] for f in report.annex],
        )
    )
    return tables
