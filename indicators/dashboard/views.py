"""A structure's dashboard page: one chart per indicator, its figures against the network's median."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from associations.structures.models import Association
from indicators.catalogue import selectors as catalogue_selectors
from indicators.sheets import selectors as sheet_selectors
from indicators.sheets.permissions import check_can_view_sheets

from . import selectors
from .charts import bar_chart


def _chart_title(indicator) -> str:
    """The label, with its unit unless the label already says it ("… (équivalents temps plein)")."""
    unit = indicator.get_unit_display()
    return indicator.label if unit.lower() in indicator.label.lower() else f"{indicator.label} ({unit})"


@login_required
def association_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    association = get_object_or_404(Association, slug=slug)
    check_can_view_sheets(request.user, association)
    charts = [
        bar_chart(
            title=_chart_title(s["indicator"]),
            description=f"{association.name} comparée à la médiane du réseau, par année.",
            labels=[str(y) for y in s["years"]],
            series=[(association.name, s["values"]), ("Médiane du réseau", s["medians"])],
            decimals=catalogue_selectors.indicator_decimals(s["indicator"]),
        )
        for s in selectors.dashboard_series(association=association)
    ]
    return render(
        request,
        "indicators/dashboard.html",
        {
            "association": association,
            "charts": charts,
            "sheets": sheet_selectors.sheets_of_association(association=association),
            "campaign": catalogue_selectors.campaign_current(),
        },
    )
