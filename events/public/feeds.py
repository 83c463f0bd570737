"""iCalendar (RFC 5545) feeds built with the `icalendar` package: the whole agenda and one
edition. The UID is derived from the edition's id (stable across edits); SEQUENCE increases
with each change a calendar must show; a cancelled edition stays in the feed with
STATUS:CANCELLED so that subscribed calendars drop it at their next refresh.

icalendar spends about a millisecond per event: each edition keeps its VEVENT as last written
(`Edition.ics_vevent`) with a fingerprint of what it was written from (SEQUENCE, the edition's
and its series' last change, the site's address); a feed rewrites only the stale ones
(`services.edition_vevents_refresh`) and joins the others, so the full feed of 2,000 editions
costs one query and a join. The VCALENDAR around them, the time zone and absolute links are
`solidaire.core.calendar.ics`'s, shared with the congress's calendar."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

import icalendar

from solidaire.core.calendar.ics import TZID, local_naive, site_base
from solidaire.core.calendar.ics import calendar_ics as _calendar_ics

from ..calendar.models import Edition, EditionStatus

PRODID = "-//Le Mans solidaire//Agenda du réseau//FR"
UID_DOMAIN = "evenements.lemans-solidaire.fr"
STATUS = {
    EditionStatus.SCHEDULED: "CONFIRMED",
    EditionStatus.RESCHEDULED: "CONFIRMED",
    EditionStatus.POSTPONED: "TENTATIVE",
    EditionStatus.CANCELLED: "CANCELLED",
}


def edition_uid(edition: Edition) -> str:
    return f"edition-{edition.pk}@{UID_DOMAIN}"


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
        event.add("dtstart", local_naive(edition.starts_at), parameters={"TZID": TZID})
        event.add("dtend", local_naive(edition.ends_at), parameters={"TZID": TZID})
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
    """The agenda's VCALENDAR with the given VEVENTs (as `vevent` wrote them)."""
    return _calendar_ics(vevents, name=name, prodid=PRODID)
