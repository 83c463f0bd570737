"""iCalendar (RFC 5545) feeds built with the `icalendar` package: the whole agenda and one
edition. The UID is derived from the edition's id (stable across edits); SEQUENCE increases
with each change a calendar must show; a cancelled edition stays in the feed with
STATUS:CANCELLED so that subscribed calendars drop it at their next refresh.

icalendar spends about a millisecond per event: each edition keeps its VEVENT as last written
(`Edition.ics_vevent`) with a fingerprint of what it was written from (SEQUENCE, the edition's
and its series' last change, the site's address); a feed rewrites only the stale ones
(`services.edition_vevents_refresh`) and joins the others, so the full feed of 2,000 editions
costs one query and a join. Links are absolute on the configured site (SITE_DOMAIN), as in
e-mails: a calendar file outlives the request that fetched it."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings

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


def _local_naive(value: dt.datetime) -> dt.datetime:
    # Written with an explicit TZID parameter: icalendar then skips guessing the zone's name.
    return value.astimezone(PARIS).replace(tzinfo=None)


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
        event.add("dtstart", _local_naive(edition.starts_at), parameters={"TZID": TZID})
        event.add("dtend", _local_naive(edition.ends_at), parameters={"TZID": TZID})
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


def site_base() -> str:
    domain = settings.SITE_DOMAIN
    scheme = "http" if domain.startswith(("127.", "localhost", "testserver")) else "https"
    return f"{scheme}://{domain}"


def edition_url(edition: Edition) -> str:
    return f"{site_base()}{edition.get_absolute_url()}"


def vevent_fingerprint(*, sequence: int, updated_at: dt.datetime, series_updated_at: dt.datetime) -> str:
    """What an edition's stored VEVENT depends on."""
    source = "|".join((str(sequence), updated_at.isoformat(), series_updated_at.isoformat(), site_base()))
    return hashlib.sha256(source.encode()).hexdigest()


def vevent(edition: Edition) -> str:
    """The edition's VEVENT, as icalendar writes it (CRLF line ends, folded at 75 octets)."""
    return _event(edition, edition_url(edition)).to_ical().decode()


def calendar_ics(vevents: Iterable[str], *, name: str = "Le Mans solidaire") -> bytes:
    """A VCALENDAR with the Europe/Paris VTIMEZONE and the given VEVENTs (as `vevent` wrote them)."""
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
    head, _, _ = cal.to_ical().rpartition(b"END:VCALENDAR")
    # The VTIMEZONE is serialised once per process: it is the same in every feed.
    return head + _vtimezone_ical() + "".join(vevents).encode() + b"END:VCALENDAR\r\n"
