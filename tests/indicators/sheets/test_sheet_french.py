"""The sheet as French users type it: spaced thousands, decimal comma, a sex × age grid with
totals, evolutions that read right, a breakdown without its total refused."""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.catalogue.models import Breakdown, BreakdownCategory, IndicatorDefinition
from indicators.sheets.models import Sheet, SheetValue
from indicators.sheets.rules import evaluate_rule, outlier_results
from solidaire.core.text.french import format_evolution, format_ratio
from tests.indicators.conftest import post_data
from tests.indicators.factories import CampaignFactory, SheetFactory, add_values

from .test_rules import make_rule

pytestmark = pytest.mark.django_db


def url(association):
    return reverse("indicators:sheet", kwargs={"slug": association.slug, "year": 2026})


def text(response) -> str:
    return html.unescape(response.content.decode())


def stored(association) -> dict:
    return {
        (v.indicator.code, v.category.code if v.category else None): v.value
        for v in SheetValue.objects.filter(sheet__association=association).select_related(
            "indicator", "category"
        )
    }


@pytest.mark.parametrize(
    ("passages", "salaries", "expected_passages", "expected_salaries"),
    [
        ("5 100", "2,5", 5100, Decimal("2.5")),
        ("5\u00a0100", "12 500,50", 5100, Decimal("12500.5")),
        ("5\u202f100", "5\u2009100,5", 5100, Decimal("5100.5")),
    ],
)
def test_numbers_typed_the_french_way_are_accepted(
    client, association, member, indicators, passages, salaries, expected_passages, expected_salaries
):
    client.force_login(member)
    response = client.post(url(association), post_data(indicators, passages=passages, salaries=salaries))
    assert response.status_code == 302
    values = stored(association)
    assert values[("passages", None)] == expected_passages
    assert values[("salaries", None)] == expected_salaries


def test_a_saved_number_comes_back_spaced(client, association, member, indicators):
    client.force_login(member)
    client.post(url(association), post_data(indicators, passages="5100"))
    assert 'value="5\u00a0100"' in client.get(url(association)).content.decode()


def test_breakdown_without_its_total_is_an_error_rule():
    rule = make_rule("typologie", "breakdown", "personnes")
    result = evaluate_rule(rule, {"personnes": None}, {"typologie": {"f": Decimal(3)}})
    assert result is not None and result.is_error


def test_breakdown_without_its_total_blocks_submit(client, association, member, indicators):
    client.force_login(member)
    data = post_data(indicators, action="submit", passages="40", typologie__f="6", typologie__h="4")
    response = client.post(url(association), data)
    assert response.status_code == 400
    assert "La typologie ne totalise pas le nombre de personnes accueillies." in text(response)
    assert Sheet.objects.get(association=association).status == "draft"


def test_evolution_reads_as_a_fall():
    assert format_evolution(400, 1222) == ("−67\u00a0%", "en baisse de 67\u00a0%")
    assert format_evolution(1222, 1000) == ("+22\u00a0%", "en hausse de 22\u00a0%")
    assert format_ratio(400, 1222) == ("÷\u00a03,1", "divisé par 3,1")
    assert format_ratio(1222, 400) == ("×\u00a03,1", "multiplié par 3,1")


def test_outlier_warning_says_divided_for_a_fall():
    [result] = outlier_results(
        labels={"personnes": "Personnes"},
        totals={"personnes": Decimal(400)},
        previous={"personnes": Decimal(1222)},
        factor=Decimal(2),
        codes=["personnes"],
    )
    assert result.detail == "÷\u00a03,1"
    assert "divisé par 3,1" in result.message


@pytest.fixture
def sex_age(campaign):
    """A sexe × âge breakdown, as in the demo catalogue."""
    breakdown = Breakdown.objects.create(code="sexe-age", label="Sexe × âge")
    order = 0
    for s_code, s_label in [("f", "Femmes"), ("h", "Hommes")]:
        for a_code, a_label in [("0-17", "0-17 ans"), ("18-59", "18-59 ans")]:
            order += 1
            BreakdownCategory.objects.create(
                breakdown=breakdown, code=f"{s_code}-{a_code}", label=f"{s_label}, {a_label}", order=order
            )
    indicator = IndicatorDefinition.objects.create(
        code="public", label="Typologie du public", family="publics", unit="personnes", breakdown=breakdown
    )
    campaign.items.create(indicator=indicator, order=1)
    return indicator


def test_typology_is_a_grid_with_totals_and_last_year(client, association, member, campaign, sex_age):
    previous = CampaignFactory(year=2025, opens_on=dt.date(2025, 10, 1), closes_on=dt.date(2026, 1, 31))
    old = SheetFactory(
        association=association, campaign=previous, status="validated", validated_at="2026-02-01T10:00:00Z"
    )
    add_values(old, {"public": sex_age}, **{"public__f-0-17": 7})
    client.force_login(member)
    client.post(
        url(association),
        {"version": 1, "action": "save", "i_public__f-0-17": "3", "i_public__h-18-59": "1 200"},
    )
    page = client.get(url(association)).content.decode()
    assert "data-breakdown-grid" in page
    assert "breakdown-grid.js" in page
    assert '<th scope="row">Femmes</th>' in page and '<th scope="col">18-59 ans</th>' in page
    assert 'data-grand-total aria-live="polite">1\u202f203<' in page
    assert 'data-row-total="1">1\u202f200<' in page
    assert "7</span>" in page  # last year's value beside its cell
