"""The sheet reads in order: label, help, field; last year's value is labelled and rounded at
the indicator's precision; amounts carry « € »."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from indicators.catalogue.models import IndicatorDefinition
from tests.indicators.factories import CampaignFactory, SheetFactory, add_values

pytestmark = pytest.mark.django_db


def _page(client, association) -> str:
    url = reverse("indicators:sheet", kwargs={"slug": association.slug, "year": 2026})
    return html.unescape(client.get(url).content.decode())


@pytest.fixture
def last_year(association, indicators):
    old = SheetFactory(
        association=association,
        campaign=CampaignFactory(year=2025, opens_on="2025-10-01", closes_on="2026-01-31"),
        status="validated",
        validated_at="2026-02-01T10:00:00Z",
    )
    add_values(
        old,
        indicators,
        personnes=20,
        typologie__f=12,
        typologie__h=8,
        ratio_benevoles_salaries="24.3333",
        montant_aides="1500.5",
    )
    return old


def test_label_then_help_then_field(client, association, member, indicators):
    IndicatorDefinition.objects.filter(code="passages").update(help_text="Chaque venue compte, même brève.")
    client.force_login(member)
    page = _page(client, association)
    label = page.index('<label for="id_i_passages"')
    help_text = page.index("Chaque venue compte, même brève.")
    field = page.index('name="i_passages"')
    assert label < help_text < field
    assert re.search(r'name="i_passages"[^>]*aria-describedby="id_i_passages_helptext', page)


def test_last_year_is_labelled_rounded_and_amounts_in_euros(
    client, association, member, indicators, last_year
):
    client.force_login(member)
    page = _page(client, association)
    assert "l'an passé\xa0: 24,3" in page and "24,3333" not in page
    assert "Montant des aides (en\xa0€)" in page
    assert "L'an passé\xa0: 1\u202f500,50\xa0€" in page
    # Each typology box says what its number is.
    assert "L'an passé\xa0: 12" in page and "L'an passé\xa0: 8" in page
