"""The report's data comes from a fixed number of aggregate queries, whatever the network's size."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.observatoire.selectors import network_report
from indicators.territories.services import territories_create_quartiers

from .network import campaigns, structures, validated_sheets

pytestmark = pytest.mark.django_db

QUARTIERS = ["centre", "sablons", "pontlieue", "maillets", ""]
MAX_QUERIES = 15


def _values(i, association):
    return {
        "personnes": 100 + i,
        "passages": 300 + i,
        "benevoles": 10,
        "salaries": "2.5",
        "typologie__f": 60 + i,
        "typologie__h": 40,
    }


def _grow(network, count: int, prefix: str) -> None:
    found, indicators = network
    for campaign in found:
        added = structures(count, quartiers=QUARTIERS, prefix=f"{prefix}{campaign.year}")
        validated_sheets(added, campaign, indicators, _values)


def _count_queries() -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        report = network_report(year=2025)
    return len(captured), report.completeness["validated"]


@pytest.fixture
def network(db):
    territories_create_quartiers()
    return campaigns()


def test_same_number_of_queries_for_50_and_500_structures(network, django_assert_max_num_queries):
    _grow(network, 50, "small")
    small, validated = _count_queries()
    assert validated == 50
    _grow(network, 450, "large")
    with django_assert_max_num_queries(MAX_QUERIES):
        report = network_report(year=2025)
    assert report.completeness["validated"] == 500
    large, _ = _count_queries()
    assert small == large
