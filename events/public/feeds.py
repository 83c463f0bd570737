"""iCalendar (RFC 5545) feeds built with the `icalendar` package: the whole agenda and one
edition. The UID is derived from the edition's id (stable across edits); SEQUENCE increases
with each change a calendar must show; a cancelled edition stays in the feed with
STATUS:CANCELLED so that subscribed calendars drop it at their next refresh."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from zoneinfo import ZoneInfo

import icalendar

from ..calendar.models import Edition, EditionStatus

PRODID = "-//Le Mans solidaire//Agenda du réseau//FR"
TZID = "Europe/Paris"
PARIS = ZoneInfo(TZID)
UID_DOMAIN = "evenements.lemans-solidaire.fr"
STATUS = {
    EditionStatus.SCHEDULED: "CONFIRMED",
    EditionStatus.RESCHEDULED: "CONFIRMED",
    EditionStatus.POSTPONED: "TENTATIVE",
    EditionStatus.CANCELLED: "CANCELLED",
}


def edition_uid(edition: Edition) -> str:
    return f"edition-{edition.pk}@{UID_DOMAIN}"


@functools.lru_cache(maxsize=1)
def _vtimezone_ical() -> bytes:
    """Europe/Paris as a VTIMEZONE, covering the years an agenda may hold (built once)."""
    return icalendar.Timezone.from_tzinfo(
        PARIS, tzid=TZID, first_date=dt.date(2010, 1, 1), last_date=dt.date(2045, 1, 1)
    ).to_ical()


def _event(edition: Edition, url: str) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", edition_uid(edition))
    modified = edition.updated_at.astimezone(dt.UTC)
    event.add("dtstamp", modified)
    event.add("last-modified", modified)
    event.add("sequence", edition.sequence)
    if edition.all_day:
        event.add("dtstart", edition.start_date)
        event.add("dtend", edition.end_date + dt.timedelta(days=1))  # DTEND is exclusive
    else:
        event.add("dtstart", edition.starts_at.astimezone(PARIS))
        event.add("dtend", edition.ends_at.astimezone(PARIS))
    event.add("summary", edition.title)
    description = edition.summary or edition.series.summary
    event.add("description", f"{description}\n\n{url}" if description else url)
    if edition.address:
        event.add("location", edition.address)
    if edition.has_coordinates:
        event.add("geo", (float(edition.latitude), float(edition.longitude)))
    event.add("status", STATUS.get(edition.status, "CONFIRMED"))
    event.add("url", url)
    event.add("categories", [edition.series.get_kind_display()])
    return event


def calendar_ics(
    editions: Iterable[Edition], *, url_for: Callable[[Edition], str], name: str = "Le Mans solidaire"
) -> bytes:
    """A VCALENDAR with the Europe/Paris VTIMEZONE and one VEVENT per edition."""
    cal = icalendar.Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", PRODID)
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZID)
    # RFC 7986: how often a subscribed calendar should come back (cancellations show up then).
    cal.add("refresh-interval", dt.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT6H")
    events = [_event(edition, url_for(edition)) for edition in editions]
    head, _, _ = cal.to_ical().rpartition(b"END:VCALENDAR")
    # The VTIMEZONE is serialised once and cached: it is the same in every feed.
    body = b"".join(event.to_ical() for event in events)
    return head + _vtimezone_ical() + body + b"END:VCALENDAR\r\n"
