"""The congress as an iCalendar file (attached to the confirmation e-mail): one event per day
the attendee comes, from the first to the last time of the programme, with their workshops."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar, Event

from .models import BookingStatus, Registration

PARIS = ZoneInfo("Europe/Paris")


def registration_calendar(registration: Registration) -> bytes:
    edition = registration.edition
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.PORTAL_NAME}//Congrès//FR")
    calendar.add("version", "2.0")
    booked = {}
    for booking in registration.bookings.select_related("session").exclude(status=BookingStatus.RELEASED):
        booked.setdefault(booking.session.day_id, []).append(booking)
    for day in registration.days.prefetch_related("sessions").order_by("date"):
        sessions = list(day.sessions.all())
        start = min((s.starts_at for s in sessions), default=dt.time(9))
        end = max((s.ends_at for s in sessions), default=dt.time(17))
        event = Event()
        event.add(
            "uid", f"congres-{edition.year}-{day.date:%Y%m%d}-{registration.token[:12]}@le-mans-solidaire"
        )
        event.add("summary", edition.title)
        event.add("dtstart", dt.datetime.combine(day.date, start, tzinfo=PARIS))
        event.add("dtend", dt.datetime.combine(day.date, end, tzinfo=PARIS))
        event.add("dtstamp", dt.datetime.now(tz=dt.UTC))
        event.add("location", ", ".join(filter(None, [edition.venue, edition.address])))
        lines = [f"{b.session.title} ({b.get_status_display()})" for b in booked.get(day.pk, [])]
        event.add("description", "\n".join([edition.theme, *lines]).strip())
        calendar.add_component(event)
    return calendar.to_ical()
