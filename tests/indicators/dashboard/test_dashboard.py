"""A structure's dashboard: its own figures beside the network's median (withheld below three sheets),
accessible SVG charts with round ticks and titles that do not repeat the unit."""

from __future__ import annotations

import html
import re
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from indicators.dashboard.charts import bar_chart
from tests.factories import AssociationFactory
from tests.indicators.factories import CampaignFactory, SheetFactory, add_values

pytestmark = pytest.mark.django_db


def test_dashboard_shows_own_figures_and_network_median_only(client, member_of, indicators, campaign):
    mine = AssociationFactory(name="Mienne")
    previous = CampaignFactory(year=2025, opens_on="2025-10-01", closes_on="2026-01-31")
    for index, value in enumerate([10, 20, 300]):
        association = mine if index == 0 else AssociationFactory(name=f"Autre {index}")
        sheet = SheetFactory(
            association=association,
            campaign=previous,
            status="validated",
            validated_at="2026-02-01T10:00:00Z",
        )
        add_values(sheet, indicators, passages=value + 1000)
    client.force_login(member_of(mine))
    response = client.get(reverse("indicators:dashboard", kwargs={"slug": mine.slug}))
    page = html.unescape(response.content.decode())
    assert "<svg" in page and "<title" in page and "<desc" in page
    assert "Médiane du réseau" in page
    assert "<td>1\u202f010</td><td>1\u202f020</td>" in page  # own value, median of 3 sheets
    assert "1\u202f300" not in page and "Autre 2" not in page  # never another's figure
    assert 'style="' not in page.split("<main")[1]
    other = AssociationFactory()
    assert client.get(reverse("indicators:dashboard", kwargs={"slug": other.slug})).status_code == 403


def test_chart_is_valid_accessible_svg():
    chart = bar_chart(
        title="Passages <test>",
        description="Comparaison",
        labels=["2024", "2025"],
        series=[("Nous", [10, None]), ("Médiane", [5, 7])],
        chart_id="c1",
    )
    root = ElementTree.fromstring(str(chart.svg))  # noqa: S314 - our own markup
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{ns}title").text == "Passages <test>"
    bars = [r for r in root.iter(f"{ns}rect") if r.find(f"{ns}title") is not None]
    assert len(bars) == 3  # the missing value draws no bar
    assert '<th scope="row">2025</th><td>—</td><td>7</td>' in str(chart.table)


@pytest.mark.parametrize(
    ("largest", "ticks"),
    [(30, ["0", "10", "20", "30", "40"]), (1100, ["0", "300", "600", "900", "1 200"])],
)
def test_chart_scale_uses_round_ticks(largest, ticks):
    chart = bar_chart(title="t", description="d", labels=["2025"], series=[("Nous", [largest])])
    root = ElementTree.fromstring(str(chart.svg))  # noqa: S314 - our own markup
    texts = [
        t.text.replace("\u202f", " ").replace("\xa0", " ")
        for t in root.iter("{http://www.w3.org/2000/svg}text")
    ]
    assert texts[:5] == ticks


@pytest.mark.django_db
def test_chart_titles_do_not_repeat_a_unit_the_label_already_gives():
    from indicators.dashboard.views import _chart_title
    from tests.indicators.factories import IndicatorFactory

    etp = IndicatorFactory(code="salaries_etp", label="Salariés (équivalents temps plein)", unit="etp")
    people = IndicatorFactory(code="accueils_x", label="Nombre d'accueils", unit="personnes")
    assert _chart_title(etp) == "Salariés (équivalents temps plein)"
    assert _chart_title(people) == "Nombre d'accueils (personnes)"


@pytest.mark.parametrize("own_validated", [False, True])
def test_dashboard_median_is_withheld_below_three_sheets(client, member_of, indicators, own_validated):
    """With one other sheet the median is its figure; with two (ours validated too) the viewer
    computes the other's figure from the median and their own: both would leak it."""
    mine = AssociationFactory(name="Mienne")
    previous = CampaignFactory(year=2025, opens_on="2025-10-01", closes_on="2026-01-31")
    validated = {"status": "validated", "validated_at": "2026-02-01T10:00:00Z"}
    own = SheetFactory(
        association=mine, campaign=previous, **(validated if own_validated else {"status": "submitted"})
    )
    add_values(own, indicators, passages=10)
    add_values(SheetFactory(campaign=previous, **validated), indicators, passages=777)
    client.force_login(member_of(mine))
    page = html.unescape(
        client.get(reverse("indicators:dashboard", kwargs={"slug": mine.slug})).content.decode()
    )
    assert "<td>10</td><td>—</td>" in page
    # As figures, not as parts of a slug or a link (factories number structures « …-393 »).
    figures = re.findall(r"(?<![\w/-])(777|393|394)(?![\w/-])", page)
    assert figures == []
