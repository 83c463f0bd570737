import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from associations.structures.hours import humanize, is_open_at, validate_opening_hours, weekly_slots

MONDAY = dt.date(2026, 11, 23)


def test_humanize_groups_days_in_plain_french():
    lines = humanize("Mo-Fr 08:30-12:30,14:00-17:00; Sa 09:00-12:00; PH off", today=MONDAY)
    assert lines == [
        "Du lundi au vendredi\u00a0: 8\u00a0h\u00a030 – 12\u00a0h\u00a030 et 14\u00a0h – 17\u00a0h",
        "Samedi\u00a0: 9\u00a0h – 12\u00a0h",
        "Fermé les jours fériés",
    ]


def test_humanize_separate_days_and_always_open():
    assert humanize("Tu,Th 14:00-18:00", today=MONDAY) == [
        "Mardi\u00a0: 14\u00a0h – 18\u00a0h",
        "Jeudi\u00a0: 14\u00a0h – 18\u00a0h",
    ]
    assert humanize("24/7", today=MONDAY) == ["Ouvert 24\u00a0h/24, 7\u00a0jours sur 7"]


def test_seasonal_rules_are_flagged_with_the_raw_rule():
    lines = humanize("Mo-Fr 09:00-12:00; Aug off", today=MONDAY)
    assert lines[-1].startswith("Horaires particuliers selon les périodes")


def test_weekly_slots_split_overnight_opening_at_midnight():
    slots = weekly_slots("Mo 22:00-02:00", today=MONDAY)
    assert [(s.weekday, s.opens, s.closes) for s in slots] == [(0, 1320, 1440), (1, 0, 120)]


@pytest.mark.parametrize("bad", ["lundi 9h-12h", "Mo-Fr 25:00-26:00", "Mo-Fr 09:00-", "n'importe"])
def test_invalid_hours_get_a_french_error(bad):
    with pytest.raises(ValidationError) as exc:
        validate_opening_hours(bad)
    assert "Horaires illisibles" in exc.value.messages[0]


def test_is_open_at():
    assert is_open_at("Mo-Fr 09:00-12:00", dt.datetime(2026, 11, 23, 10, 0))
    assert not is_open_at("Mo-Fr 09:00-12:00", dt.datetime(2026, 11, 23, 13, 0))
    assert not is_open_at("", dt.datetime(2026, 11, 23, 10, 0))
