"""The observatoire's reports, as renderers of the shared generated-documents machinery
(registered from `IndicatorsConfig.ready()`): the network's annual report, a structure's own
sheet beside the network's median, and a thematic table of one indicator family.

Parameters come from forms and URLs: each renderer checks them (French messages). A network
report is suppressed (statistical secrecy) unless `internal`, which only staff may ask for or
see; every page of an internal version says « document interne ».
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Count, Max
from django.utils import timezone

from associations.structures.models import Association
from indicators.catalogue.models import Campaign, Family
from indicators.dashboard.charts import bar_chart
from indicators.dashboard.selectors import MEDIAN_MIN_SHEETS, dashboard_series
from indicators.sheets.models import Sheet
from solidaire.core.documents import pdf
from solidaire.core.documents.models import StorageArea
from solidaire.core.documents.registry import Progress, Rendered, Renderer, fingerprint_of, register
from solidaire.core.text.french import format_count, format_date_numeric, label_with_detail

from . import permissions, selectors
from .figures import crossing_map, figure_chart, key_figure_charts
from .secrecy import MIN_STRUCTURES

ANNUAL = "observatoire.annual"
STRUCTURE = "observatoire.structure"
THEMATIC = "observatoire.thematic"
MIN_YEAR, MAX_YEAR = 2000, 2100
PORTRAIT_YEARS = 6  # a table with more year columns goes on a landscape page (`@page wide`)


def _year(value) -> int:
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError("L'année doit être un nombre à quatre chiffres.") from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(f"L'année doit être comprise entre {MIN_YEAR} et {MAX_YEAR}.")
    if not Campaign.objects.filter(year=year).exists():
        raise ValidationError(f"Il n'y a pas de campagne d'indicateurs pour {year}.")
    return year


def _flag(value) -> bool:
    if value in (True, False):
        return value
    if value in (None, "", "0", "false", 0):
        return False
    if value in ("1", "true", 1):
        return True
    raise ValidationError("Le choix « version interne » est invalide.")


def _only(params: dict, allowed: set[str]) -> None:
    unknown = set(params) - allowed
    if unknown:
        raise ValidationError(f"Paramètre inconnu : {', '.join(sorted(unknown))}.")


def _footer(report_title: str, report: selectors.NetworkReport) -> str:
    """The running footer, short enough for one line: what, the campaign's state and its
    validated sheets, the data's date, the generation date (dates as « 25/01/2026 »)."""
    state = "campagne close" if report.campaign.closes_on < timezone.localdate() else "campagne en cours"
    validated = report.completeness["validated"]
    parts = [report_title, f"{state}, {format_count(validated, 'fiche validée', feminine=True)}"]
    if report.data_as_of:
        parts.append(f"données au {format_date_numeric(report.data_as_of)}")
    parts.append(f"produit le {format_date_numeric(timezone.now())}")
    return " · ".join(parts)


def _annex_rows(figures) -> list[dict]:
    """Several indicators per page: one row per indicator, one column per year, at the
    indicator's precision, with how many structures fed the latest year."""
    return [{"figure": f, "cells": f.cells, "structures": f.current.structures} for f in figures]


class _NetworkRenderer(Renderer):
    storage_area = StorageArea.PRIVATE

    def can_request(self, user, params: dict) -> bool:
        return permissions.can_use_tools(user)

    def can_view(self, user, params: dict) -> bool:
        return permissions.can_view_network_report(user, self.kind, params)


class AnnualReportRenderer(_NetworkRenderer):
    kind = ANNUAL
    label = "Rapport annuel du réseau"

    def clean_params(self, params: dict) -> dict:
        _only(params, {"year", "internal"})
        return {"year": _year(params.get("year")), "internal": _flag(params.get("internal"))}

    def describe(self, params: dict) -> str:
        suffix = " (version interne, non protégée)" if params.get("internal") else ""
        return f"Rapport annuel du réseau {params.get('year')}{suffix}"

    def render(self, params: dict, progress: Progress) -> Rendered:
        year, internal = params["year"], params["internal"]
        progress(5, "Lecture des fiches validées")
        try:
            report = selectors.network_report(year=year, internal=internal)
        except selectors.NoValidatedSheet as exc:
            raise ValidationError(str(exc)) from None
        progress(35, "Dessin des graphiques et de la carte")
        charts = key_figure_charts(report)
        territory_map = crossing_map(report)
        progress(55, "Mise en page du rapport")
        title = f"Rapport annuel du réseau {year}"
        content = pdf.render_pdf(
            "pdf/observatoire_annual.html",
            {
                "report": report,
                "title": title,
                "charts": charts,
                "map": territory_map,
                "breakdowns": [report.by_quartier, report.by_kind],
                "annex_rows": _annex_rows(report.annex),
                "many_years": len(report.years) > PORTRAIT_YEARS,
                "min_structures": MIN_STRUCTURES,
                "footer": _footer(title, report),
                "generated_at": timezone.now(),
            },
        )
        progress(90, "Document mis en page")
        suffix = "-interne" if internal else ""
        return Rendered(
            content=content,
            download_name=f"observatoire-rapport-annuel-{year}{suffix}.pdf",
            data_as_of=report.data_as_of,
            stamp=str(year),
        )


class ThematicTableRenderer(_NetworkRenderer):
    kind = THEMATIC
    label = "Tableau thématique"

    def clean_params(self, params: dict) -> dict:
        _only(params, {"family", "year", "internal"})
        family = params.get("family")
        if family not in Family.values:
            raise ValidationError("Famille d'indicateurs inconnue.")
        return {
            "family": family,
            "year": _year(params.get("year")),
            "internal": _flag(params.get("internal")),
        }

    def describe(self, params: dict) -> str:
        family = Family(params["family"]).label if params.get("family") in Family.values else "?"
        suffix = " (version interne)" if params.get("internal") else ""
        return f"Tableau thématique « {family} » jusqu'à {params.get('year')}{suffix}"

    def render(self, params: dict, progress: Progress) -> Rendered:
        year, internal, family = params["year"], params["internal"], params["family"]
        progress(5, "Lecture des fiches validées")
        try:
            report = selectors.network_report(year=year, internal=internal)
        except selectors.NoValidatedSheet as exc:
            raise ValidationError(str(exc)) from None
        figures = [f for f in report.annex if f.family == family]
        per_structure = selectors.per_structure_totals(family=family, years=report.years) if internal else {}
        progress(40, "Mise en page du tableau")
        label = Family(family).label
        title = f"Tableau thématique « {label} », {report.years[0]}–{year}"
        content = pdf.render_pdf(
            "pdf/observatoire_thematic.html",
            {
                "report": report,
                "title": title,
                "family_label": label,
                "annex_rows": _annex_rows(figures),
                "many_years": len(report.years) > PORTRAIT_YEARS,
                "charts": [figure_chart(f, chart_id=f"theme-{f.code}") for f in figures],
                "per_structure": _structure_rows(per_structure, figures, report.years),
                "min_structures": MIN_STRUCTURES,
                "footer": _footer(f"Tableau « {label} » {report.years[0]}–{year}", report),
            },
        )
        suffix = "-interne" if internal else ""
        return Rendered(
            content=content,
            download_name=f"observatoire-tableau-{family}-{year}{suffix}.pdf",
            data_as_of=report.data_as_of,
        )


def _structure_rows(per_structure: dict, figures, years: list[int]) -> list[dict]:
    labels = {f.code: f.label for f in figures}
    rows = []
    for (name, code), by_year in sorted(per_structure.items()):
        if code in labels:
            rows.append({"name": name, "label": labels[code], "values": [by_year.get(y) for y in years]})
    return rows


class StructureReportRenderer(Renderer):
    kind = STRUCTURE
    label = "Fiche structure"
    storage_area = StorageArea.PRIVATE

    def clean_params(self, params: dict) -> dict:
        """The structure is kept by its id, which survives a change of slug (the admin allows
        one); a slug is accepted on the way in (command line) and turned into the id. The last
        campaign to include is optional (every campaign when none is given: the member's own
        « ma fiche » link)."""
        _only(params, {"structure", "year"})
        value = params.get("structure")
        found = None
        if isinstance(value, int) and not isinstance(value, bool):
            found = Association.objects.filter(pk=value).values_list("pk", flat=True).first()
        elif isinstance(value, str) and value.strip():
            text = value.strip()
            lookup = {"pk": int(text)} if text.isdigit() and len(text) < 10 else {"slug": text}
            found = Association.objects.filter(**lookup).values_list("pk", flat=True).first()
        if found is None:
            raise ValidationError("Structure inconnue.")
        if params.get("year") in (None, ""):
            return {"structure": found}
        return {"structure": found, "year": _year(params["year"])}

    def _association(self, params: dict) -> Association:
        """The structure (Association.DoesNotExist once deleted: the views answer 404)."""
        return Association.objects.get(pk=params["structure"])

    def can_request(self, user, params: dict) -> bool:
        return permissions.can_have_structure_report(user, self._association(params))

    def fingerprint(self, params: dict) -> str:
        # Its own sheets, its name, and the network's sheets behind the medians.
        association = Association.objects.filter(pk=params["structure"]).values_list("name", "updated_at")
        sheets = Sheet.objects.aggregate(count=Count("pk"), last=Max("updated_at"))
        return fingerprint_of(list(association), sheets["count"], sheets["last"])

    def describe(self, params: dict) -> str:
        return self.describe_all([params])[0]

    def describe_all(self, params_list: list[dict]) -> list[str]:
        ids = [p.get("structure") for p in params_list]
        names = dict(
            Association.objects.filter(pk__in=[i for i in ids if isinstance(i, int)]).values_list(
                "pk", "name"
            )
        )
        labels = []
        for params, pk in zip(params_list, ids, strict=True):
            until = f" jusqu'à {params['year']}" if params.get("year") else ""
            name = f"« {names[pk]} »" if pk in names else "(structure supprimée)"
            labels.append(f"Fiche structure {name}{until}")
        return labels

    def render(self, params: dict, progress: Progress) -> Rendered:
        association = self._association(params)
        progress(10, "Lecture des fiches de la structure et des médianes du réseau")
        year = params.get("year")
        series = dashboard_series(association=association, up_to_year=year)
        if not series:
            until = f" pour les campagnes jusqu'à {year}" if year else ""
            raise ValidationError(
                f"{association.name} n'a encore transmis aucune fiche d'indicateurs{until}."
            )
        progress(40, "Dessin des graphiques")
        charts = [bar_pair(s, association.name) for s in series]
        years = sorted({year for s in series for year in s["years"]})
        progress(60, "Mise en page de la fiche")
        title = f"Fiche structure : {association.name}" + (f", campagnes jusqu'à {year}" if year else "")
        content = pdf.render_pdf(
            "pdf/observatoire_structure.html",
            {
                "association": association,
                "title": title,
                "years": years,
                "many_years": len(years) > PORTRAIT_YEARS,
                "families": _structure_families(series, years),
                "charts": charts,
                "median_min": MEDIAN_MIN_SHEETS,
                "footer": f"Observatoire social · {title} · produite le "
                f"{format_date_numeric(timezone.now())}",
            },
        )
        suffix = f"-{year}" if year else ""
        return Rendered(content=content, download_name=f"fiche-observatoire-{association.slug}{suffix}.pdf")


def _structure_families(series: list[dict], years: list[int]) -> list[dict]:
    """The fiche as compact tables: one per family, two rows per indicator (the structure's
    figure, the network's median) and one column per year; figures at the indicator's
    precision."""
    families: dict[str, dict] = {}
    for serie in series:
        indicator = serie["indicator"]
        own = dict(zip(serie["years"], serie["values"], strict=True))
        medians = dict(zip(serie["years"], serie["medians"], strict=True))
        family = families.setdefault(
            indicator.family, {"label": indicator.get_family_display(), "indicators": []}
        )
        family["indicators"].append(
            {
                "indicator": indicator,
                "unit": indicator.get_unit_display(),
                "decimals": selectors.decimals_for(indicator),
                "values": [own.get(y) for y in years],
                "medians": [medians.get(y) for y in years],
            }
        )
    return list(families.values())


def bar_pair(serie: dict, name: str):
    indicator = serie["indicator"]
    return bar_chart(
        title=label_with_detail(indicator.label, indicator.get_unit_display()),
        description=f"{name} comparée à la médiane du réseau, par année.",
        labels=[str(y) for y in serie["years"]],
        series=[(name, serie["values"]), ("Médiane du réseau", serie["medians"])],
        decimals=selectors.decimals_for(indicator),
    )


register(AnnualReportRenderer())
register(ThematicTableRenderer())
register(StructureReportRenderer())
