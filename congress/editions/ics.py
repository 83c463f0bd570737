"""An edition's days as a public iCalendar file (`/congres/<year>/agenda.ics`), built with the
`icalendar` package around `solidaire.core.calendar.ics`: one VEVENT per congress day, from the
first to the last time of its programme, the programme in the description.

The UID comes from the day's id, so a day moved to another date updates the event already in
a calendar instead of adding a second one. The model keeps no revision count, hence no
SEQUENCE: DTSTAMP and LAST-MODIFIED carry the last change of the edition or of the day's
programme, which is what a calendar re-importing the file compares."""

from __future__ import annotations

import datetime as dt

import icalendar

from solidaire.core.calendar.ics import TZID, calendar_ics, site_base
from solidaire.core.text.french import format_time

from .models import CongressEdition, Session

PRODID = "-//Le Mans solidaire//Congrès national des Solidarités//FR"
UID_DOMAIN = "congres.lemans-solidaire.fr"


def day_uid(edition: CongressEdition, day_pk: int | None, date: dt.date) -> str:
    # An edition without days in the database falls back on its dates (there is nothing to move).
    if day_pk is not None:
        return f"congres-jour-{day_pk}@{UID_DOMAIN}"
    return f"congres-{edition.pk}-{date:%Y%m%d}@{UID_DOMAIN}"


def _programme_line(session: Session) -> str:
    line = f"{format_time(session.starts_at)} – {format_time(session.ends_at)} : "
    line += session.label
    return line + (f" ({session.room})" if session.room else "")


def _day_event(
    edition: CongressEdition, *, uid: str, date: dt.date, sessions: list[Session], summary: str, url: str
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid)
    modified = max([edition.updated_at, *(s.updated_at for s in sessions)]).astimezone(dt.UTC)
    event.add("dtstamp", modified)
    event.add("last-modified", modified)
    if sessions:
        # The programme's times are Paris wall-clock times.
        start = dt.datetime.combine(date, min(s.starts_at for s in sessions))
        end = dt.datetime.combine(date, max(s.ends_at for s in sessions))
        event.add("dtstart", start, parameters={"TZID": TZID})
        event.add("dtend", end, parameters={"TZID": TZID})
    else:
        event.add("dtstart", date)
        event.add("dtend", date + dt.timedelta(days=1))  # DTEND is exclusive
    event.add("summary", summary)
    lines = [f"Fil rouge : « {edition.theme} »"] if edition.theme else []
    lines += [_programme_line(s) for s in sessions]
    event.add("description", "\n".join([*lines, url]) if lines else url)
    location = ", ".join(filter(None, [edition.venue, edition.address]))
    if location:
        event.add("location", location)
    event.add("status", "CONFIRMED")
    event.add("url", url)
    return event


def edition_calendar(edition: CongressEdition) -> bytes:
    """The calendar file of an edition loaded with its days and programme
    (`selectors.edition_get`): no query of its own."""
    url = f"{site_base()}{edition.get_absolute_url()}"
    days = [(day.pk, day.date, list(day.sessions.all())) for day in edition.days.all()]
    if not days:
        span = (edition.ends_on - edition.starts_on).days + 1
        days = [(None, edition.starts_on + dt.timedelta(days=n), []) for n in range(span)]
    vevents = []
    for number, (pk, date, sessions) in enumerate(days, start=1):
        summary = edition.title if len(days) == 1 else f"{edition.title} (jour {number} sur {len(days)})"
        event = _day_event(
            edition, uid=day_uid(edition, pk, date), date=date, sessions=sessions, summary=summary, url=url
        )
        vevents.append(event.to_ical().decode())
    return calendar_ics(vevents, name=edition.title, prodid=PRODID)
