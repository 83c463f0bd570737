"""schema.org `Event` as JSON-LD for a congress edition's page, like the events' pages: the
congress with its days as `subEvent`s (the same days, times and place as its calendar file)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.utils.safestring import SafeString

from solidaire.core.calendar.structured import json_ld

from .models import CongressEdition

PARIS = ZoneInfo("Europe/Paris")
SCHEDULED = "https://schema.org/EventScheduled"
OFFLINE = "https://schema.org/OfflineEventAttendanceMode"


def _place(edition: CongressEdition) -> dict:
    place: dict = {"@type": "Place", "name": edition.venue}
    address: dict = {"@type": "PostalAddress", "addressCountry": "FR"}
    if edition.address:
        address["streetAddress"] = edition.address
    place["address"] = address
    return place


def _span(date: dt.date, sessions: list) -> tuple[str, str]:
    """A day from its first to its last session (Paris time), or the whole day."""
    if not sessions:
        return date.isoformat(), date.isoformat()
    start = dt.datetime.combine(date, min(s.starts_at for s in sessions), tzinfo=PARIS)
    end = dt.datetime.combine(date, max(s.ends_at for s in sessions), tzinfo=PARIS)
    return start.isoformat(), end.isoformat()


def edition_json_ld(edition: CongressEdition, *, absolute: Callable[[str], str]) -> SafeString:
    """`edition` must come from `selectors.edition_get` (days and programme prefetched)."""
    url = absolute(edition.get_absolute_url())
    days = [(day.date, list(day.sessions.all())) for day in edition.days.all()]
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": edition.title,
        "url": url,
        "startDate": _span(*days[0])[0] if days else edition.starts_on.isoformat(),
        "endDate": _span(*days[-1])[1] if days else edition.ends_on.isoformat(),
        "eventStatus": SCHEDULED,
        "eventAttendanceMode": OFFLINE,
        "location": _place(edition),
        "organizer": [
            {"@type": "Organization", "name": "CCAS du Mans — Le Mans solidaire", "url": absolute("/")}
        ],
    }
    description = edition.theme or edition.introduction
    if description:
        data["description"] = description
    if len(days) > 1:
        sub_events = []
        for number, (date, sessions) in enumerate(days, start=1):
            start, end = _span(date, sessions)
            sub_events.append(
                {
                    "@type": "Event",
                    "name": f"{edition.title} (jour {number} sur {len(days)})",
                    "startDate": start,
                    "endDate": end,
                    "eventStatus": SCHEDULED,
                    "eventAttendanceMode": OFFLINE,
                    "location": _place(edition),
                }
            )
        data["subEvent"] = sub_events
    return json_ld(data)
