"""French on the staff pages: dates of the follow-up, labels (not codes) in a sheet's history."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse
from django.utils import timezone

from indicators.reminders.models import Reminder
from solidaire.core.text.french import format_date
from tests.indicators.conftest import post_data

pytestmark = pytest.mark.django_db


def test_follow_up_dates_are_french(client, staff_user, association, campaign, indicators):
    Reminder.objects.create(campaign=campaign, association=association, kind="manual", recipients="a@b.fr")
    client.force_login(staff_user)
    page = html.unescape(
        client.get(reverse("indicators:followup_year", kwargs={"year": 2026})).content.decode()
    )
    today = timezone.localdate()
    assert format_date(today) in page
    assert "du 1er octobre 2026 au 31 janvier 2027" in page
    assert today.strftime("%b %Y") not in page  # no « Nov 2026 »


def test_sheet_history_shows_labels_not_codes(client, staff_user, association, member, campaign, indicators):
    client.force_login(member)
    client.post(
        reverse("indicators:sheet", kwargs={"slug": association.slug, "year": 2026}),
        post_data(indicators, typologie__f="6", passages="5 100"),
    )
    client.force_login(staff_user)
    page = html.unescape(
        client.get(
            reverse("indicators:review", kwargs={"year": 2026, "slug": association.slug})
        ).content.decode()
    )
    assert "Typologie du public — Femmes" in page
    assert "Nombre de passages\xa0: vide → 5\u202f100" in page
    assert "typologie / f" not in page
