"""A structure's dashboard page: one chart per indicator, its figures against the network's median."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from associations.structures.models import Association
from associations.structures.permissions import association_permission_required
from indicators.catalogue import selectors as catalogue_selectors
from indicators.sheets import selectors as sheet_selectors
from indicators.sheets.permissions import can_view_sheets
from solidaire.core.text.french import label_with_detail

from . import selectors
from .charts import bar_chart


def _chart_title(indicator) -> str:
    """The label, with its unit unless the label already says it ("… (équivalents temps plein)")."""
    return label_with_detail(indicator.label, indicator.get_unit_display())


@association_permission_required(can_view_sheets)
def association_dashboard(request: HttpRequest, association: Association) -> HttpResponse:
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
