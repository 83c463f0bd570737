"""The home page follows time: it announces a congress whose registration is open now, and
stops once it closes (time pinned)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests import factories

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def congress(db):
    return factories.CongressEditionFactory(
        year=2027,
        title="Congrès national des Solidarités 2027",
        starts_on=dt.date(2027, 2, 4),
        ends_on=dt.date(2027, 2, 5),
        registration_opens_at=dt.datetime(2026, 11, 1, 9, tzinfo=PARIS),
        registration_closes_at=dt.datetime(2027, 1, 25, 18, tzinfo=PARIS),
    )


def _home(client) -> str:
    return client.get("/").content.decode().replace("\u00a0", " ").replace("&nbsp;", " ")


@time_machine.travel(dt.datetime(2026, 12, 2, 10, tzinfo=PARIS), tick=False)
def test_the_home_page_announces_open_registrations(client, congress):
    html = _home(client)
    assert "Inscriptions ouvertes : Congrès national des Solidarités 2027" in html
    assert "Du 4 au 5 février 2027, Palais des Congrès" in html
    assert "Inscriptions jusqu'au 25 janvier 2027." in html
    assert 'href="/congres/2027/inscription/"' in html


@pytest.mark.parametrize(
    "moment",
    [dt.datetime(2026, 10, 15, 10, tzinfo=PARIS), dt.datetime(2027, 1, 26, 10, tzinfo=PARIS)],
    ids=["not yet open", "closed"],
)
def test_no_announcement_before_or_after_the_registration_window(client, congress, moment):
    with time_machine.travel(moment, tick=False):
        html = _home(client)
    assert "Inscriptions ouvertes" not in html and "/congres/2027/inscription/" not in html
