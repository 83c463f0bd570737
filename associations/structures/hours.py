"""Opening hours in OpenStreetMap syntax: validated, turned into a weekly schedule and into
plain French.

Parsing and evaluation are done by `opening-hours-py` (a maintained binding of the Rust
`opening-hours` crate, which implements the full OSM specification); this module only turns
its output into what the directory needs: error messages, a weekly table that SQL can query
("open now") and a sentence a person reads.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

import holidays
from django.core.exceptions import ValidationError
from opening_hours import OpeningHours, ParserError

from solidaire.core.text.french import format_date, format_time

WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
# Parts of the syntax that a weekly table cannot express (months, weeks, school holidays…):
# when present, the page says some periods differ and shows the raw rule.
_SEASONAL = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|week|SH|easter)\b")
_HOLIDAYS_CLOSED = re.compile(r"\bPH\s+(off|closed)\b")


@dataclass(frozen=True)
class Slot:
    """An opening interval within one day, in minutes since midnight (end exclusive)."""

    weekday: int  # 0 = Monday, as datetime.weekday()
    opens: int
    closes: int


def parse(expression: str, *, with_holidays: bool = False) -> OpeningHours:
    """Parse or raise a ValidationError with a French message. `with_holidays` evaluates the
    `PH` rule against the French public holidays (otherwise an ordinary week)."""
    try:
        if with_holidays:
            return OpeningHours(expression.strip(), country="FR")
        return OpeningHours(expression.strip())
    except (ParserError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            "Horaires illisibles. Utilisez le format OpenStreetMap, par exemple "
            "« Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off ».",
            code="opening_hours",
        ) from exc


def validate_opening_hours(value: str) -> None:
    """Model/form validator: empty is allowed, anything else must parse."""
    if value and value.strip():
        parse(value)


def _reference_monday(today: dt.date | None = None) -> dt.datetime:
    today = today or dt.date.today()
    monday = today - dt.timedelta(days=today.weekday())
    return dt.datetime.combine(monday, dt.time())


def weekly_slots(expression: str, *, today: dt.date | None = None) -> list[Slot]:
    """The open intervals of the current week, split at midnight. Public holidays are not
    applied (no country given), so the table describes an ordinary week."""
    if not expression or not expression.strip():
        return []
    start = _reference_monday(today)
    end = start + dt.timedelta(days=7)
    slots: list[Slot] = []
    for begin, finish, state, _comment in parse(expression).intervals(start, end):
        if str(state).rsplit(".", 1)[-1].upper() != "OPEN":
            continue
        cursor = begin
        while cursor < finish:
            day_end = dt.datetime.combine(cursor.date() + dt.timedelta(days=1), dt.time())
            stop = min(finish, day_end)
            opens = cursor.hour * 60 + cursor.minute
            closes = 1440 if stop == day_end else stop.hour * 60 + stop.minute
            if closes > opens:
                slots.append(Slot(cursor.weekday(), opens, closes))
            cursor = stop
    return slots


def _time(minutes: int) -> str:
    if minutes == 1440:
        return "minuit"
    hours, mins = divmod(minutes, 60)
    return f"{hours}\u00a0h\u00a0{mins:02d}" if mins else f"{hours}\u00a0h"


def _days(first: int, last: int) -> str:
    if first == last:
        return WEEKDAYS[first].capitalize()
    if last == first + 1:
        return f"{WEEKDAYS[first].capitalize()} et {WEEKDAYS[last]}"
    return f"Du {WEEKDAYS[first]} au {WEEKDAYS[last]}"


def humanize(expression: str, *, today: dt.date | None = None) -> list[str]:
    """Plain French lines: ["Du lundi au vendredi : 9 h – 12 h et 14 h – 17 h", …].
    An invalid expression yields [] (the form refuses it anyway)."""
    if not expression or not expression.strip():
        return []
    try:
        slots = weekly_slots(expression, today=today)
    except ValidationError:
        return []
    by_day: dict[int, tuple[tuple[int, int], ...]] = {
        day: tuple((s.opens, s.closes) for s in slots if s.weekday == day) for day in range(7)
    }
    lines: list[str] = []
    if all(by_day[d] == ((0, 1440),) for d in range(7)):
        lines.append("Ouvert 24\u00a0h/24, 7\u00a0jours sur 7")
    else:
        day = 0
        while day < 7:
            ranges = by_day[day]
            last = day
            while last + 1 < 7 and by_day[last + 1] == ranges:
                last += 1
            if ranges:
                hours = " et ".join(f"{_time(a)} – {_time(b)}" for a, b in ranges)
                lines.append(f"{_days(day, last)}\u00a0: {hours}")
            day = last + 1
    if not lines:
        lines.append("Fermé en semaine ordinaire")
    if _HOLIDAYS_CLOSED.search(expression):
        lines.append("Fermé les jours fériés")
    if _SEASONAL.search(expression):
        lines.append(f"Horaires particuliers selon les périodes ({expression.strip()})")
    return lines


def is_open_at(expression: str, moment: dt.datetime) -> bool:
    """Exact evaluation for one structure (the detail page); lists use the weekly table."""
    if not expression or not expression.strip():
        return False
    try:
        return bool(parse(expression).is_open(moment.replace(tzinfo=None)))
    except ValidationError:
        return False


# --- the truth of a given day: public holidays, temporary closures ----------------------------
_FRENCH_HOLIDAYS = holidays.country_holidays("FR", language="fr")


def holiday_name(day: dt.date) -> str | None:
    """The French public holiday falling on `day` (metropolitan calendar), or None."""
    return _FRENCH_HOLIDAYS.get(day)


def closed_on_holidays(expression: str) -> bool:
    """Whether the rule says the place is shut on public holidays ("PH off")."""
    return bool(expression and _HOLIDAYS_CLOSED.search(expression))


@dataclass(frozen=True)
class OpeningState:
    """What a card says: « Ouvert · ferme à 17 h », and today's hours."""

    is_open: bool
    label: str
    today: str


def _clock(moment: dt.datetime) -> str:
    return format_time(moment)


def _when(moment: dt.datetime, now: dt.datetime) -> str:
    days = (moment.date() - now.date()).days
    if days == 0:
        return f"à {_clock(moment)}"
    if days == 1:
        return f"demain à {_clock(moment)}"
    if days < 7:
        return f"{WEEKDAYS[moment.weekday()]} à {_clock(moment)}"
    return f"le {format_date(moment, year=False)} à {_clock(moment)}"


def _today_line(hours: OpeningHours, now: dt.datetime) -> str:
    start = dt.datetime.combine(now.date(), dt.time())
    ranges = []
    for begin, finish, state, _comment in hours.intervals(start, start + dt.timedelta(days=1)):
        if str(state).rsplit(".", 1)[-1].upper() == "OPEN":
            end = "minuit" if finish.time() == dt.time() else _clock(finish)
            ranges.append(f"{_clock(begin)} – {end}")
    if ranges:
        return "Aujourd'hui\u00a0: " + " et ".join(ranges)
    holiday = holiday_name(now.date())
    return "Aujourd'hui\u00a0: fermé" + (f" ({holiday}, jour férié)" if holiday else "")


def opening_state(
    expression: str,
    *,
    now: dt.datetime,
    closed_from: dt.date | None = None,
    closed_until: dt.date | None = None,
) -> OpeningState | None:
    """The state at `now` (naive local time), public holidays and a temporary closure included;
    None when there are no (readable) hours to tell."""
    if not expression or not expression.strip():
        return None
    return _opening_state(
        expression, now.replace(tzinfo=None, second=0, microsecond=0), closed_from, closed_until
    )


@functools.lru_cache(maxsize=256)
def _parsed_with_holidays(expression: str) -> OpeningHours | None:
    try:
        return parse(expression, with_holidays=True)
    except ValidationError:
        return None


# A list page shows the same few rules again and again within a minute (the state is computed
# per minute): remembering the answer spares the parser on most rows of a page.
@functools.lru_cache(maxsize=4096)
def _opening_state(
    expression: str, now: dt.datetime, closed_from: dt.date | None, closed_until: dt.date | None
) -> OpeningState | None:
    hours = _parsed_with_holidays(expression)
    if hours is None:
        return None
    today = now.date()
    if closed_from and closed_from <= today and (closed_until is None or today <= closed_until):
        if closed_until is None:
            return OpeningState(False, "Fermé temporairement", "Aujourd'hui\u00a0: fermé")
        reopening = dt.datetime.combine(closed_until + dt.timedelta(days=1), dt.time())
        if not hours.is_open(reopening):
            reopening = hours.next_change(reopening)
        label = "Fermé temporairement"
        if reopening:
            label += f" · rouvre {_when(reopening, now)}"
        return OpeningState(False, label, "Aujourd'hui\u00a0: fermé temporairement")
    is_open = bool(hours.is_open(now))
    change = hours.next_change(now)
    if is_open:
        label = "Ouvert" if change is None else f"Ouvert · ferme {_when(change, now)}"
    else:
        label = "Fermé" if change is None else f"Fermé · ouvre {_when(change, now)}"
    return OpeningState(is_open, label, _today_line(hours, now))


# --- the per-day editor: days and slots <-> OSM syntax ----------------------------------------
OSM_DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def compose(days: list[list[tuple[int, int]]], *, closed_on_holidays: bool) -> str:
    """OSM syntax from seven lists of (opens, closes) minutes, Monday first; consecutive days
    with the same slots are grouped: "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off"."""
    rules = []
    day = 0
    while day < 7:
        slots = days[day]
        last = day
        while last + 1 < 7 and days[last + 1] == slots:
            last += 1
        if slots:
            span = (
                OSM_DAYS[day]
                if day == last
                else (
                    f"{OSM_DAYS[day]},{OSM_DAYS[last]}"
                    if last == day + 1
                    else f"{OSM_DAYS[day]}-{OSM_DAYS[last]}"
                )
            )
            rules.append(f"{span} " + ",".join(f"{_hhmm(a)}-{_hhmm(b)}" for a, b in slots))
        day = last + 1
    if rules and closed_on_holidays:
        rules.append("PH off")
    return "; ".join(rules)


def decompose(expression: str) -> tuple[list[list[tuple[int, int]]], bool] | None:
    """The editor's view of a rule: seven lists of slots and "closed on holidays", or None when
    the rule says more than an ordinary week (months, school holidays…): then only the OSM
    field can edit it."""
    if not expression or not expression.strip():
        return [[] for _ in range(7)], False
    if _SEASONAL.search(expression):
        return None
    try:
        slots = weekly_slots(expression)
    except ValidationError:
        return None
    days = [[(s.opens, s.closes) for s in slots if s.weekday == d] for d in range(7)]
    return days, closed_on_holidays(expression)


def same_hours(first: str, second: str) -> bool:
    """Do two rules say the same week? « Tu,Th 14:00-18:00 » and « Tu 14:00-18:00; Th
    14:00-18:00 » do: the per-day editor writes the second for the first, which is no change."""
    if (first or "").strip() == (second or "").strip():
        return True
    decomposed = decompose(first or "")
    return decomposed is not None and decomposed == decompose(second or "")
