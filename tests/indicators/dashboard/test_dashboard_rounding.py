"""A structure's dashboard prints the network's median at the indicator's precision: a median of
counts is a whole number (« 1 252 », not « 1 252,5 »), the same rule as the observatoire's."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from tests.factories import AssociationFactory
from tests.indicators.factories import CampaignFactory, SheetFactory, add_values

pytestmark = pytest.mark.django_db


def test_the_median_of_counts_has_no_decimals(client, member_of, indicators, campaign):
    mine = AssociationFactory(name="Mienne")
    previous = CampaignFactory(year=2025, opens_on="2025-10-01", closes_on="2026-01-31")
    for index, value in enumerate([10, 250, 255, 300]):  # median of four sheets: 1 252,5
        association = mine if index == 0 else AssociationFactory(name=f"Autre {index}")
        sheet = SheetFactory(
            association=association,
            campaign=previous,
            status="validated",
            validated_at="2026-02-01T10:00:00Z",
        )
        add_values(sheet, indicators, passages=value + 1000)
    client.force_login(member_of(mine))
    page = html.unescape(
        client.get(reverse("indicators:dashboard", kwargs={"slug": mine.slug})).content.decode()
    )
    assert "<td>1\u202f010</td><td>1\u202f252</td>" in page
    assert "1\u202f252,5" not in page
