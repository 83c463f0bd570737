"""« En retard » means one thing: the counter of the follow-up page, the staff home's line and
the « Relancer » button read the same rule (the campaign is over and the sheet not transmitted)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse

from indicators.catalogue import selectors
from solidaire.core.worklist import pending_work_for
from tests.factories import AssociationFactory
from tests.indicators.factories import SheetFactory

pytestmark = pytest.mark.django_db


def _page(client, year=2026) -> str:
    return client.get(reverse("indicators:followup_year", kwargs={"year": year})).content.decode()


def _counter(page: str, label: str) -> int:
    return int(re.search(rf"<dt>{label}</dt><dd>(\d+)</dd>", page).group(1))


def _late_line(user) -> list[int]:
    return [line.count for line in pending_work_for(user) if "en retard" in line.label]


def test_before_the_deadline_nobody_is_late_and_the_button_says_whom_it_reminds(
    client, staff_user, campaign, indicators, django_capture_on_commit_callbacks
):
    AssociationFactory(name="Banque alimentaire", email="banque@example.org")
    client.force_login(staff_user)
    page = _page(client)  # 21 November 2026; the campaign closes on 31 January 2027
    assert _counter(page, "En retard") == 0
    assert "Relancer les structures qui n'ont pas encore transmis (1)" in page
    assert "Relancer toutes les structures en retard" not in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("indicators:remind_all", kwargs={"year": 2026}))
    assert [m.to for m in mail.outbox] == [["banque@example.org"]]


def test_after_the_deadline_counter_staff_home_and_button_agree(
    client, staff_user, campaign, indicators, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(selectors, "today", lambda: dt.date(2027, 2, 5))
    AssociationFactory(name="Banque alimentaire", email="banque@example.org")
    extended = AssociationFactory(name="Centre prolongé", email="centre@example.org")
    SheetFactory(association=extended, campaign=campaign, extended_until=dt.date(2027, 2, 10))
    client.force_login(staff_user)
    page = _page(client)
    assert _counter(page, "En retard") == 1
    assert "Relancer toutes les structures en retard (1)" in page
    assert _late_line(staff_user) == [1]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("indicators:remind_all", kwargs={"year": 2026}))
    assert [m.to for m in mail.outbox] == [["banque@example.org"]]  # not the extended one

    monkeypatch.setattr(selectors, "today", lambda: dt.date(2027, 2, 11))  # the extension is over
    assert _counter(_page(client), "En retard") == 2
    assert _late_line(staff_user) == [2]
