"""Every calendar file the portal writes, read back strictly with icalendar 7 (issue 18): the
events' feed, an event's file, the congress's days, and an attendee's own file (attached to
the confirmation, sent again after a change, a cancellation, downloaded from the private
link). Each TZID used has its VTIMEZONE; the attendee's UIDs are the public file's and hold
nothing of the private token; the congress page carries schema.org JSON-LD."""

from __future__ import annotations

import json
import re

import icalendar
import pytest
from django.core import mail
from django.urls import reverse

from congress.registrations import services
from congress.registrations.services import Choices
from tests import factories
from tests.congress.factories import programme, register

pytestmark = pytest.mark.django_db


def strict(content: bytes) -> icalendar.Calendar:
    """Parse as a strict reader would and check what every file must hold (RFC 5545)."""
    assert content.startswith(b"BEGIN:VCALENDAR\r\n") and content.endswith(b"END:VCALENDAR\r\n")
    lines = content.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines), "lines are folded at 75 octets"
    assert b"\n" not in content.replace(b"\r\n", b""), "CRLF line ends only"
    cal = icalendar.Calendar.from_ical(content)
    assert str(cal["version"]) == "2.0" and str(cal["prodid"])
    assert cal.get_used_tzids(), "times are written with their time zone"
    assert cal.get_missing_tzids() == set(), "a VTIMEZONE for every TZID used"
    assert {str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")} == {"Europe/Paris"}
    for event in cal.walk("VEVENT"):
        for name in ("uid", "dtstamp", "dtstart", "summary"):
            assert name in event, name
    return cal


def _attachments(message, suffix=".ics") -> list[tuple[str, bytes, str]]:
    found = []
    for name, content, mimetype in message.attachments:
        if name.endswith(suffix):
            found.append((name, content if isinstance(content, bytes) else content.encode(), mimetype))
    return found


def _uids(cal) -> list[str]:
    return [str(e["uid"]) for e in cal.walk("VEVENT")]


def test_the_events_feed_and_an_events_file_are_strict(client):
    edition = factories.EditionFactory(title="Pique-nique solidaire")
    for url in ("/evenements/calendrier.ics", f"/evenements/{edition.slug}/agenda.ics"):
        response = client.get(url)
        assert response.status_code == 200
        cal = strict(response.content)
        assert str(cal["method"]) == "PUBLISH"
        assert [str(e["summary"]) for e in cal.walk("VEVENT")] == ["Pique-nique solidaire"]
    # RFC 7986: REFRESH-INTERVAL is a DURATION value.
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n" in client.get("/evenements/calendrier.ics").content


def test_the_congress_days_file_is_strict(client):
    p = programme()
    response = client.get(reverse("congress:edition_calendar", args=[p["edition"].year]))
    cal = strict(response.content)
    assert _uids(cal) == [
        f"congres-jour-{p['day1'].pk}@congres.lemans-solidaire.fr",
        f"congres-jour-{p['day2'].pk}@congres.lemans-solidaire.fr",
    ]


def test_the_attendees_file_matches_the_public_one_and_reveals_no_token(
    client, django_capture_on_commit_callbacks
):
    p = programme()
    public = strict(client.get(reverse("congress:edition_calendar", args=[p["edition"].year])).content)
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(p, p["w1"], p["lunch1"], days=[p["day1"], p["day2"]])
        services.registration_confirm(registration=registration)
    (confirmation,) = [m for m in mail.outbox if "est confirmée" in m.subject]
    ((name, content, mimetype),) = _attachments(confirmation)
    assert mimetype == "text/calendar; method=PUBLISH"
    cal = strict(content)
    assert str(cal["method"]) == "PUBLISH"
    assert _uids(cal) == _uids(public)  # a calendar holding both shows each day once
    assert (
        registration.token[:8] not in content.decode() and registration.checkin_code not in content.decode()
    )
    first, second = cal.walk("VEVENT")
    assert int(first["sequence"]) == 0 and str(first["status"]) == "CONFIRMED"
    assert str(first["url"]).endswith(p["edition"].get_absolute_url())
    assert str(first["organizer"]) == "mailto:congres@example.org"
    assert "attendee" not in first  # PUBLISH carries no ATTENDEE (RFC 5546)
    assert "Atelier « Atelier insertion »" in str(first["description"])
    assert first["dtstart"].params["TZID"] == "Europe/Paris"

    # The same file from the private link.
    download = client.get(reverse("congress:registration_calendar", args=[registration.token]))
    assert download.status_code == 200 and download["Content-Type"].startswith("text/calendar")
    assert _uids(strict(download.content)) == _uids(public)


def test_a_change_sends_the_updated_file_and_cancels_the_dropped_day(django_capture_on_commit_callbacks):
    p = programme()
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(p, p["w1"], days=[p["day1"], p["day2"]])
        services.registration_confirm(registration=registration)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_change(
            registration=registration, choices=Choices(days=[p["day1"]], sessions=[p["w2"]])
        )
    (message,) = mail.outbox
    assert "est modifiée" in message.subject and "Atelier engagement" in message.body
    files = {name: (strict(content), mimetype) for name, content, mimetype in _attachments(message)}
    (updated, publish), (cancel, cancel_type) = (
        files[f"congres-{p['edition'].year}.ics"],
        files[f"congres-{p['edition'].year}-annulation.ics"],
    )
    assert publish == "text/calendar; method=PUBLISH" and cancel_type == "text/calendar; method=CANCEL"
    (day1,) = updated.walk("VEVENT")
    assert int(day1["sequence"]) == 1 and "Atelier engagement" in str(day1["description"])
    assert "Atelier insertion" not in str(day1["description"])
    assert str(cancel["method"]) == "CANCEL"
    (dropped,) = cancel.walk("VEVENT")
    assert str(dropped["uid"]) == f"congres-jour-{p['day2'].pk}@congres.lemans-solidaire.fr"
    assert str(dropped["status"]) == "CANCELLED" and int(dropped["sequence"]) == 1
    assert "organizer" in dropped  # RFC 5546: a CANCEL names its ORGANIZER


def test_a_cancellation_sends_a_calendar_cancellation(client, django_capture_on_commit_callbacks):
    p = programme()
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(p, p["w1"], days=[p["day1"], p["day2"]])
        services.registration_confirm(registration=registration)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("congress:registration_cancel", args=[registration.token]))
    (message,) = mail.outbox
    assert "est annulée" in message.subject and "retire le congrès de votre agenda" in message.body
    ((name, content, mimetype),) = _attachments(message)
    assert mimetype == "text/calendar; method=CANCEL"
    cal = strict(content)
    assert str(cal["method"]) == "CANCEL"
    assert {str(e["status"]) for e in cal.walk("VEVENT")} == {"CANCELLED"}
    assert {int(e["sequence"]) for e in cal.walk("VEVENT")} == {1}
    assert len(cal.walk("VEVENT")) == 2


def test_an_unconfirmed_registration_cancelled_sends_no_calendar_file(django_capture_on_commit_callbacks):
    p = programme()
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(p)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=registration)
    (message,) = mail.outbox
    assert _attachments(message) == []


def test_the_edition_page_carries_schema_org_event_json_ld(client):
    p = programme()
    edition = p["edition"]
    edition.address = "Rue d'Arcole, 72000 Le Mans"
    edition.theme = "Agir <ensemble> & autrement"
    edition.save()
    content = client.get(edition.get_absolute_url()).content.decode()
    (raw,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    assert "<ensemble>" not in raw  # cannot close its script element
    data = json.loads(raw)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == edition.title
    assert data["url"] == f"http://testserver{edition.get_absolute_url()}"
    assert data["startDate"] == f"{edition.year}-02-02T09:00:00+01:00"
    assert data["endDate"] == f"{edition.year}-02-03T14:00:00+01:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["name"] == edition.venue
    assert data["location"]["address"]["streetAddress"] == "Rue d'Arcole, 72000 Le Mans"
    assert data["description"] == "Agir <ensemble> & autrement"
    assert [e["startDate"][:10] for e in data["subEvent"]] == [
        f"{edition.year}-02-02",
        f"{edition.year}-02-03",
    ]
