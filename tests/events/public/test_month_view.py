"""The agenda's month view follows time and data: it opens on the next month that has events
(not an empty December when the next events are in March), fits a phone (the days with events
as a list), and its month field is valid HTML (no `placeholder` on `<input type="month">`)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache

from tests import factories

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # the agenda caches its results per query string
    yield
    cache.clear()


def _at(year, month, day, hour=14):
    return dt.datetime(year, month, day, hour, tzinfo=PARIS)


@time_machine.travel(dt.datetime(2026, 12, 2, 10, tzinfo=PARIS), tick=False)
def test_it_opens_on_the_next_month_with_events(client):
    factories.EditionFactory(title="Palabres de novembre", starts_at=_at(2026, 11, 20))
    factories.EditionFactory(title="Palabres de mars", starts_at=_at(2027, 3, 12))
    factories.EditionFactory(title="Pique-nique de juin", starts_at=_at(2027, 6, 18))
    content = client.get("/evenements/?vue=mois").content.decode()
    assert "Agenda de mars 2027" in content
    assert "Palabres de mars" in content and "Pique-nique de juin" not in content
    # The visitor can still go back to the months before.
    assert "mois=2027-02" in content


@time_machine.travel(dt.datetime(2026, 12, 2, 10, tzinfo=PARIS), tick=False)
def test_it_stays_on_this_month_when_an_event_is_still_to_come_in_it(client):
    factories.EditionFactory(title="Marché de Noël solidaire", starts_at=_at(2026, 12, 19))
    factories.EditionFactory(title="Palabres de mars", starts_at=_at(2027, 3, 12))
    content = client.get("/evenements/?vue=mois").content.decode()
    assert "Agenda de décembre 2026" in content and "Marché de Noël solidaire" in content


@time_machine.travel(dt.datetime(2026, 12, 2, 10, tzinfo=PARIS), tick=False)
def test_with_nothing_announced_it_shows_this_month_and_says_so(client):
    content = client.get("/evenements/?vue=mois").content.decode()
    assert "Agenda de décembre 2026" in content and "Aucun événement ce mois-ci." in content


@time_machine.travel(dt.datetime(2026, 12, 2, 10, tzinfo=PARIS), tick=False)
def test_the_days_with_events_are_also_a_list_and_the_month_field_is_valid(client):
    factories.EditionFactory(title="Palabres de mars", starts_at=_at(2027, 3, 12))
    content = client.get("/evenements/?vue=mois&mois=2027-03").content.decode()
    listed = content[content.index('<ol class="month-list">') :]
    listed = listed[: listed.index("</ol>")]
    assert "vendredi 12 mars 2027" in listed and "Palabres de mars" in listed
    field = content[content.index('type="month"') - 200 :]
    field = field[: field.index(">", 200) + 1]
    assert "placeholder" not in field
