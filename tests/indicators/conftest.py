from __future__ import annotations

import datetime as dt

import pytest

from indicators.catalogue import selectors

from .factories import CampaignFactory, build_catalogue

TODAY = dt.date(2026, 11, 21)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """Freeze "today" for the indicators (the campaign 2026 is open until 31 January 2027)."""
    monkeypatch.setattr(selectors, "today", lambda: TODAY)


@pytest.fixture
def campaign(db):
    return CampaignFactory(year=2026)


@pytest.fixture
def indicators(campaign):
    return build_catalogue(campaign)


@pytest.fixture
def member(association, member_of):
    return member_of(association, role="admin")


def post_data(indicators, *, version=1, action="save", **values):
    """The sheet form's POST for the given values (typologie__f=3 for a category)."""
    data = {"version": version, "action": action}
    for key, value in values.items():
        data[f"i_{key}"] = value
    return data
