"""An edition's public calendar file, parsed back with `icalendar` and checked field by field."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse

from congress.editions.models import CongressDay
from tests import factories
from tests.congress.factories import programme

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def _events(client, year: int) -> list[icalendar.Event]:
    response = client.get(reverse("congress:edition_calendar", args=[year]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'inline; filename="congres-{year}.ics"'
    cal = icalendar.Calendar.from_ical(response.content)
    assert str(cal["version"]) == "2.0" and "Congrès national des Solidarités" in str(cal["prodid"])
    (tz,) = cal.walk("VTIMEZONE")
    assert str(tz["tzid"]) == "Europe/Paris"
    return sorted(cal.walk("VEVENT"), key=lambda e: e["dtstart"].dt)


def test_one_event_per_day_from_the_first_to_the_last_time_of_its_programme(client, settings):
    settings.SITE_DOMAIN = "lemans-solidaire.example.org"
    p = programme()
    edition = p["edition"]
    edition.address = "Rue d'Arcole, 72000 Le Mans"
    edition.theme = "La solidarité se construit"
    edition.save()

    first, second = _events(client, edition.year)

    assert str(first["uid"]) == f"congres-jour-{p['day1'].pk}@congres.lemans-solidaire.fr"
    assert str(second["uid"]) == f"congres-jour-{p['day2'].pk}@congres.lemans-solidaire.fr"
    assert first["dtstart"].params["TZID"] == "Europe/Paris"
    assert first["dtstart"].dt == dt.datetime.combine(edition.starts_on, dt.time(9), tzinfo=PARIS)
    assert first["dtend"].dt == dt.datetime.combine(edition.starts_on, dt.time(16), tzinfo=PARIS)
    assert second["dtstart"].dt == dt.datetime.combine(edition.ends_on, dt.time(10), tzinfo=PARIS)
    assert second["dtend"].dt == dt.datetime.combine(edition.ends_on, dt.time(14), tzinfo=PARIS)
    assert str(first["summary"]) == f"{edition.title} (jour 1 sur 2)"
    assert str(first["location"]) == f"{edition.venue}, Rue d'Arcole, 72000 Le Mans"
    url = f"https://lemans-solidaire.example.org/congres/{edition.year}/"
    assert str(first["url"]) == url
    assert str(first["status"]) == "CONFIRMED"
    assert "sequence" not in first  # the model keeps no revision count
    assert first["dtstamp"].dt.tzinfo is not None
    description = str(first["description"])
    assert "La solidarité se construit" in description and "Atelier insertion" in description
    assert "Atelier « Atelier" not in description
    assert "Atelier du samedi" not in description and description.endswith(url)


def test_the_uid_stays_when_a_day_moves_and_the_stamp_follows_the_change(client):
    p = programme()
    edition = p["edition"]
    (before, _) = _events(client, edition.year)
    session = p["w1"]
    session.room = "Salle Bollée"
    session.save()
    CongressDay.objects.filter(pk=p["day1"].pk).update(date=edition.starts_on - dt.timedelta(days=1))

    (after, _) = _events(client, edition.year)

    assert str(after["uid"]) == str(before["uid"])
    assert after["dtstart"].dt.date() == edition.starts_on - dt.timedelta(days=1)
    assert after["dtstamp"].dt >= before["dtstamp"].dt
    assert after["last-modified"].dt == session.updated_at.replace(microsecond=0)


def test_an_edition_without_a_programme_gives_whole_days(client):
    edition = factories.CongressEditionFactory(address="")

    first, second = _events(client, edition.year)

    assert first["dtstart"].params["VALUE"] == "DATE" and first["dtstart"].dt == edition.starts_on
    assert first["dtend"].dt == edition.starts_on + dt.timedelta(days=1)  # exclusive end
    assert second["dtstart"].dt == edition.ends_on
    assert str(first["uid"]) == f"congres-{edition.pk}-{edition.starts_on:%Y%m%d}@congres.lemans-solidaire.fr"
    assert str(first["location"]) == edition.venue


def test_get_and_head_only_and_unknown_year(client):
    edition = factories.CongressEditionFactory()
    url = reverse("congress:edition_calendar", args=[edition.year])
    head = client.head(url)
    assert head.status_code == 200 and head.content == b""
    assert client.post(url).status_code == 405
    assert client.get(reverse("congress:edition_calendar", args=[1900])).status_code == 404


def test_the_edition_page_links_to_its_calendar(client, django_assert_max_num_queries):
    p = programme()
    url = reverse("congress:edition_calendar", args=[p["edition"].year])
    assert f'href="{url}"' in client.get(p["edition"].get_absolute_url()).content.decode()
    with django_assert_max_num_queries(4):  # the edition, its themes, days and programme
        client.get(url)
