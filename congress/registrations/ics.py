"""An attendee's congress days as an iCalendar file: attached to the confirmation, sent again
after a change, downloadable from the private link, and a cancellation when they cancel.

- The same UIDs as the public `/congres/<année>/agenda.ics` (`editions.ics.day_uid`, from the
  day's id): a calendar holding both shows each day once, and nothing of the private token
  reaches a file people forward.
- METHOD:PUBLISH, not REQUEST: REQUEST (RFC 5546) invites the ATTENDEE to reply to the
  ORGANIZER, and the portal takes no such replies; the registration itself is the answer.
  A cancellation is METHOD:CANCEL with STATUS:CANCELLED, which RFC 5546 requires to carry
  the ORGANIZER (the congress team), so both files name it.
- SEQUENCE is the registration's `calendar_sequence`, raised at each change and at the
  cancellation, so that a calendar replaces the version it holds.
- URL is the public edition page (the private link would hand the registration to anyone
  the file is forwarded to).
- Times are Paris wall-clock times with TZID=Europe/Paris and its VTIMEZONE
  (`solidaire.core.calendar.ics`).
"""

from __future__ import annotations

import datetime as dt

import icalendar
from django.conf import settings

from congress.editions.ics import day_uid
from congress.editions.models import CongressDay
from solidaire.core.calendar.ics import TZID, calendar_ics, site_base

from .models import Booking, BookingStatus, Registration
from .selectors import days_with_hours

PRODID = "-//Le Mans solidaire//Congrès national des Solidarités, mon inscription//FR"


def _organizer(registration: Registration) -> icalendar.vCalAddress:
    edition = registration.edition
    address = icalendar.vCalAddress(f"mailto:{edition.contact_email or settings.DEFAULT_FROM_EMAIL}")
    address.params["CN"] = f"Équipe du {edition.title}"
    return address


def _day_hours(day: CongressDay) -> tuple[dt.time | None, dt.time | None]:
    """When the day's programme starts and ends: from `selectors.days_with_hours` when the day
    comes from it, else from its sessions."""
    if hasattr(day, "first_start"):
        return day.first_start, day.last_end
    sessions = list(day.sessions.all())
    if not sessions:
        return None, None
    return min(s.starts_at for s in sessions), max(s.ends_at for s in sessions)


def _day_event(registration: Registration, day: CongressDay, *, cancelled: bool, lines: list[str]):
    edition = registration.edition
    first_start, last_end = _day_hours(day)
    url = f"{site_base()}{edition.get_absolute_url()}"
    event = icalendar.Event()
    event.add("uid", day_uid(edition, day.pk, day.date))
    event.add("dtstamp", dt.datetime.now(tz=dt.UTC))
    event.add("sequence", registration.calendar_sequence)
    if first_start is not None:
        start = dt.datetime.combine(day.date, first_start)
        end = dt.datetime.combine(day.date, last_end)
        event.add("dtstart", start, parameters={"TZID": TZID})
        event.add("dtend", end, parameters={"TZID": TZID})
    else:
        event.add("dtstart", day.date)
        event.add("dtend", day.date + dt.timedelta(days=1))  # DTEND is exclusive
    event.add("summary", edition.title)
    event.add("organizer", _organizer(registration))
    location = ", ".join(filter(None, [edition.venue, edition.address]))
    if location:
        event.add("location", location)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("url", url)
    text = ["Inscription annulée."] if cancelled else [edition.theme, *lines]
    event.add("description", "\n".join([*filter(None, text), url]))
    return event


def registration_calendar(
    registration: Registration,
    *,
    days: list[CongressDay] | None = None,
    bookings: list[Booking] | None = None,
) -> bytes:
    """The attendee's days (METHOD:PUBLISH) with their workshops and lunches; `days` (from
    `selectors.days_with_hours`) and `bookings` (not given back, with their session) when the
    caller has read them already."""
    booked: dict[int, list[str]] = {}
    if bookings is None:
        bookings = list(
            registration.bookings.select_related("session").exclude(status=BookingStatus.RELEASED)
        )
    for booking in sorted(bookings, key=lambda b: b.session.starts_at):
        session = booking.session
        line = f"{session.get_kind_display()} « {session.title} » ({booking.get_status_display()})"
        booked.setdefault(booking.session.day_id, []).append(line)
    if days is None:
        days = days_with_hours(registration)
    vevents = [
        _day_event(registration, day, cancelled=False, lines=booked.get(day.pk, [])).to_ical().decode()
        for day in days
    ]
    return calendar_ics(vevents, name=registration.edition.title, prodid=PRODID, feed=False)


def registration_cancellation(registration: Registration, days: list[CongressDay]) -> bytes:
    """METHOD:CANCEL for the given days (all of them when the registration is cancelled, the
    days dropped by a change otherwise)."""
    vevents = [_day_event(registration, day, cancelled=True, lines=[]).to_ical().decode() for day in days]
    return calendar_ics(vevents, name=registration.edition.title, prodid=PRODID, method="CANCEL", feed=False)
