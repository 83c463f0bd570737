"""French formatting and number parsing (solidaire.core.text.french)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from solidaire.core.text.french import (
    NumberFormatError,
    format_date,
    format_number,
    format_ordinal,
    format_percent,
    format_period,
    parse_number,
)

PARIS = ZoneInfo("Europe/Paris")
NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234.5, None, f"1{NNBSP}234,5"),
        (Decimal("5100"), None, f"5{NNBSP}100"),
        (Decimal("1234567.891"), 1, f"1{NNBSP}234{NNBSP}567,9"),
        (-1222, None, f"−1{NNBSP}222"),
        (12, 2, "12,00"),
        (None, None, ""),
    ],
)
def test_numbers_are_written_the_french_way(value, decimals, expected):
    assert format_number(value, decimals) == expected


@pytest.mark.parametrize(
    ("value", "feminine", "expected"),
    [(1, False, "1er"), (1, True, "1re"), (2, True, "2e"), (21, False, "21e"), (None, False, "")],
)
def test_ordinals(value, feminine, expected):
    assert format_ordinal(value, feminine=feminine) == expected


def test_percent_has_a_no_break_space():
    assert format_percent(Decimal("0.673")) == f"67{NBSP}%"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("5 100", Decimal("5100")),
        ("5 100,5", Decimal("5100.5")),
        ("12 500,50", Decimal("12500.50")),
        (f"5{NBSP}100", Decimal("5100")),
        (f"5{NNBSP}100", Decimal("5100")),
        ("5\u2009100", Decimal("5100")),
        ("3.5", Decimal("3.5")),
        ("-4", Decimal("-4")),
    ],
)
def test_numbers_are_read_as_french_users_type_them(typed, expected):
    assert parse_number(typed) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("5.100,5", "mélange point et virgule"),
        ("1e9", "sans exposant"),
        ("1 2", "n'est pas un nombre"),
        ("5.100.000", "pas par un point"),
        ("", "Saisissez un nombre"),
        ("douze", "n'est pas un nombre"),
    ],
)
def test_bad_numbers_get_a_french_reason(typed, message):
    with pytest.raises(NumberFormatError, match=message):
        parse_number(typed)


def test_dates_and_periods():
    start = dt.datetime(2027, 3, 12, 14, 0, tzinfo=PARIS)
    assert format_date(start) == "vendredi 12 mars 2027"
    assert format_date(dt.date(2027, 3, 1)) == "lundi 1er mars 2027"
    assert format_period(start, start.replace(hour=18)) == f"vendredi 12 mars 2027, de 14{NBSP}h à 18{NBSP}h"
    assert format_period(start, start.replace(hour=18, minute=30)).endswith(f"à 18{NBSP}h{NBSP}30")
    assert format_period(dt.date(2024, 2, 2), dt.date(2024, 2, 3)) == "du 2 au 3 février 2024"
    assert format_period(dt.date(2024, 1, 30), dt.date(2024, 2, 2)) == "du 30 janvier au 2 février 2024"
    assert (
        format_period(dt.date(2026, 12, 30), dt.date(2027, 1, 2)) == "du 30 décembre 2026 au 2 janvier 2027"
    )
    assert format_period(start, start.replace(hour=23), all_day=True) == "vendredi 12 mars 2027"
    utc = dt.datetime(2027, 3, 12, 13, 0, tzinfo=dt.UTC)  # 14 h in Paris
    assert format_period(utc) == f"vendredi 12 mars 2027 à 14{NBSP}h"
