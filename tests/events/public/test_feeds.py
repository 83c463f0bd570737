"""The iCalendar feeds, parsed back with `icalendar` and checked field by field (RFC 5545)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import timezone

from events.calendar.models import Edition
from tests import factories

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def _calendar(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def _events(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["summary"]): e for e in cal.walk("VEVENT")}


def test_edition_feed_has_every_required_field(client, settings):
    settings.SITE_DOMAIN = "lemans-solidaire.example.org"
    year = timezone.localdate().year + 1
    edition = factories.EditionFactory(
        title="Palabres au Mans",
        starts_at=dt.datetime(year, 3, 12, 14, tzinfo=PARIS),
        ends_at=dt.datetime(year, 3, 12, 18, tzinfo=PARIS),
        venue_name="Salle des Concerts",
        street="Place du Jet d'Eau",
        postcode="72000",
        latitude=Decimal("48.006900"),
        longitude=Decimal("0.196200"),
    )
    cal = _calendar(client.get(f"/evenements/{edition.slug}/agenda.ics"))
    assert str(cal["version"]) == "2.0" and "Le Mans solidaire" in str(cal["prodid"])
    (tz,) = cal.walk("VTIMEZONE")
    assert str(tz["tzid"]) == "Europe/Paris"
    (event,) = cal.walk("VEVENT")
    assert str(event["uid"]) == f"edition-{edition.pk}@evenements.lemans-solidaire.fr"
    assert event["dtstamp"].dt.tzinfo is not None
    start = event["dtstart"]
    assert start.params["TZID"] == "Europe/Paris"
    assert start.dt == dt.datetime(year, 3, 12, 14, tzinfo=PARIS)
    assert event["dtend"].dt == dt.datetime(year, 3, 12, 18, tzinfo=PARIS)
    assert int(event["sequence"]) == 0
    assert str(event["status"]) == "CONFIRMED"
    assert "Salle des Concerts" in str(event["location"]) and "72000" in str(event["location"])
    assert event["geo"].latitude == pytest.approx(48.0069) and event["geo"].longitude == pytest.approx(0.1962)
    assert str(event["url"]) == f"https://lemans-solidaire.example.org/evenements/{edition.slug}/"
    assert event["last-modified"].dt == edition.updated_at.replace(microsecond=0)
    assert b"TZID=Europe/Paris:" in client.get(f"/evenements/{edition.slug}/agenda.ics").content


def test_all_day_editions_use_dates(client):
    year = timezone.localdate().year + 1
    edition = factories.EditionFactory(
        starts_at=dt.datetime(year, 9, 8, 10, tzinfo=PARIS),
        ends_at=dt.datetime(year, 9, 10, 19, tzinfo=PARIS),
        all_day=True,
    )
    (event,) = _calendar(client.get(f"/evenements/{edition.slug}/agenda.ics")).walk("VEVENT")
    assert event["dtstart"].params["VALUE"] == "DATE" and event["dtstart"].dt == dt.date(year, 9, 8)
    assert event["dtend"].dt == dt.date(year, 9, 11)  # exclusive end: the day after


def test_uid_is_stable_and_sequence_increases_with_each_change_and_cancellation_shows(client):
    edition = factories.EditionFactory(title="Pique-nique solidaire")
    first = _events(_calendar(client.get("/evenements/calendrier.ics")))["Pique-nique solidaire"]

    edition = Edition.objects.get(pk=edition.pk)
    edition.starts_at += dt.timedelta(hours=1)
    edition.ends_at += dt.timedelta(hours=1)
    edition.save()
    edition = Edition.objects.get(pk=edition.pk)
    edition.report = "Sans effet sur le calendrier."  # not a calendar field: SEQUENCE stays
    edition.save()
    second = _events(_calendar(client.get("/evenements/calendrier.ics")))["Pique-nique solidaire"]

    edition = Edition.objects.get(pk=edition.pk)
    edition.status = "cancelled"
    edition.save()
    third = _events(_calendar(client.get("/evenements/calendrier.ics")))["Pique-nique solidaire"]

    assert str(first["uid"]) == str(second["uid"]) == str(third["uid"])
    assert (int(first["sequence"]), int(second["sequence"]), int(third["sequence"])) == (0, 1, 2)
    assert str(third["status"]) == "CANCELLED"


def test_full_feed_lists_what_is_to_come_with_the_page_filters(client):
    factories.EditionFactory(title="Aux Sablons", quartier="sablons")
    factories.EditionFactory(title="Au centre", quartier="centre")
    factories.EditionFactory(title="Il y a deux ans", starts_at=timezone.now() - dt.timedelta(days=700))
    everything = _events(_calendar(client.get("/evenements/calendrier.ics")))
    assert set(everything) == {"Aux Sablons", "Au centre"}
    filtered = _events(_calendar(client.get("/evenements/calendrier.ics?quartier=sablons")))
    assert set(filtered) == {"Aux Sablons"}


def test_pages_link_to_their_feeds(client):
    edition = factories.EditionFactory()
    assert (
        'href="/evenements/calendrier.ics?quartier=centre"'
        in client.get("/evenements/?quartier=centre").content.decode()
    )
    assert "Ajouter à mon agenda" in client.get(edition.get_absolute_url()).content.decode()
