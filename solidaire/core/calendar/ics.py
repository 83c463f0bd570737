"""iCalendar (RFC 5545) files built with the `icalendar` package, shared by the apps that publish
one (the events' agenda, the congress's days): the Europe/Paris VTIMEZONE, the VCALENDAR around
the VEVENTs each app writes, absolute links and the HTTP response.

Links are absolute on the configured site (SITE_DOMAIN), as in e-mails: a calendar file outlives
the request that fetched it."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

TZID = "Europe/Paris"
PARIS = ZoneInfo(TZID)


@functools.lru_cache(maxsize=1)
def _vtimezone_ical() -> bytes:
    """Europe/Paris as a VTIMEZONE, covering the years an agenda may hold (built once)."""
    return icalendar.Timezone.from_tzinfo(
        PARIS, tzid=TZID, first_date=dt.date(2010, 1, 1), last_date=dt.date(2045, 1, 1)
    ).to_ical()


def local_naive(value: dt.datetime) -> dt.datetime:
    """Paris wall-clock time, to be written with an explicit TZID parameter: icalendar then
    skips guessing the zone's name."""
    return value.astimezone(PARIS).replace(tzinfo=None)


def site_base() -> str:
    domain = settings.SITE_DOMAIN
    scheme = "http" if domain.startswith(("127.", "localhost", "testserver")) else "https"
    return f"{scheme}://{domain}"


def calendar_ics(
    vevents: Iterable[str], *, name: str, prodid: str, method: str = "PUBLISH", feed: bool = True
) -> bytes:
    """A VCALENDAR with the Europe/Paris VTIMEZONE and the given VEVENTs (each as icalendar
    wrote it: `event.to_ical().decode()`). `feed`: a file calendars subscribe to (name and
    refresh interval), not a one-off attachment; `method`: the iTIP method (RFC 5546), PUBLISH
    or CANCEL (the portal takes no replies, hence never REQUEST)."""
    cal = icalendar.Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", prodid)
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    if feed:
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", TZID)
        # RFC 7986: how often a subscribed calendar should come back (cancellations show up
        # then). A DURATION value, `PT6H`: given as a vDuration, since a library that does not
        # know the property writes a bare timedelta as Python's `6:00:00`.
        refresh = icalendar.vDuration(dt.timedelta(hours=6))
        cal.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", "PT6H")
    head, _, _ = cal.to_ical().rpartition(b"END:VCALENDAR")
    # The VTIMEZONE is serialised once per process: it is the same in every file.
    return head + _vtimezone_ical() + "".join(vevents).encode() + b"END:VCALENDAR\r\n"


def ics_response(content: bytes, filename: str) -> HttpResponse:
    """A public calendar file, opened by the calendar app (inline) and cached 15 minutes."""
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    patch_cache_control(response, public=True, max_age=900)
    return response
