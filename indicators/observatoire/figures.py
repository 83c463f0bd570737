"""The charts and the map of a network report, drawn server-side as SVG: the same markup serves
the public page, the staff dashboard and the PDF (readable in black and white)."""

from __future__ import annotations

from indicators.dashboard.charts import Chart, MapArea, bar_chart, choropleth_map
from solidaire.core.text.french import label_with_detail

from .secrecy import HIDDEN_MARK
from .selectors import Figure, NetworkReport


def figure_chart(figure: Figure, *, chart_id: str | None = None) -> Chart:
    """One key figure's evolution, a bar per year (a hidden year has no bar)."""
    return bar_chart(
        title=label_with_detail(figure.label, figure.unit),
        description=f"Total du réseau par année, fiches validées seulement ; {figure.label.lower()}.",
        labels=[str(y) for y in figure.years],
        series=[("Réseau", [c.shown for c in figure.cells])],
        chart_id=chart_id,
        decimals=figure.decimals,
    )


def key_figure_charts(report: NetworkReport) -> list[Chart]:
    figures = report.key_figures + ([report.ratio] if report.ratio else [])
    return [figure_chart(f, chart_id=f"evolution-{f.code}") for f in figures]


def crossing_map(report: NetworkReport):
    """Quartiers shaded by their poverty rate, labelled with the network's accueils per 1,000
    inhabitants: where needs are high and activity low stands out."""
    areas = []
    for row in report.crossing:
        rate = row["per_thousand"]
        note = HIDDEN_MARK if rate.suppressed else (f"{rate.text} ‰" if rate.shown is not None else "—")
        areas.append(
            MapArea(
                label=row["territory"].name,
                geometry=row["territory"].contour,
                shade=float(row["poverty"]) if row["poverty"] is not None else None,
                note=note,
            )
        )
    return choropleth_map(
        title=f"Activité du réseau et pauvreté par quartier ({report.year})",
        description="Chaque quartier est grisé selon son taux de pauvreté (plus foncé : plus élevé) et "
        "porte le nombre d'accueils du réseau pour\u00a01\u202f000\u00a0habitants.",
        areas=areas,
        legend="Taux de pauvreté (quartiles) ; chiffre : accueils pour\u00a01\u202f000\u00a0habitants",
    )
