"""Automatic reminders (idempotent), the beat schedule and the demo data."""

from __future__ import annotations

import datetime as dt
import html
import io

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from indicators.catalogue.models import Campaign
from indicators.reminders import tasks
from indicators.reminders.models import Reminder
from indicators.sheets.models import Sheet, SheetValue
from tests.factories import MembershipFactory
from tests.indicators.factories import CampaignFactory, SheetFactory

pytestmark = pytest.mark.django_db


def test_beat_schedule_runs_the_reminders_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["indicators-due-reminders"]
    assert entry["task"] == "indicators.tasks.send_due_reminders"
    assert entry["schedule"].hour == {8}


@pytest.mark.parametrize("days,kind", [(14, "auto14"), (3, "auto3")])
def test_automatic_reminders_are_sent_once_to_those_who_have_not_submitted(
    monkeypatch, django_capture_on_commit_callbacks, days, kind
):
    from indicators.catalogue import selectors

    campaign = CampaignFactory(year=2026, opens_on=dt.date(2026, 10, 1), closes_on=dt.date(2027, 1, 31))
    monkeypatch.setattr(selectors, "today", lambda: campaign.closes_on - dt.timedelta(days=days))
    late = MembershipFactory(status="approved").association
    drafting = MembershipFactory(status="approved").association
    SheetFactory(association=drafting, campaign=campaign)
    done = MembershipFactory(status="approved").association
    SheetFactory(association=done, campaign=campaign, status="submitted", submitted_at="2027-01-02T10:00:00Z")
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_due_reminders() == 2
        assert tasks.send_due_reminders() == 0  # idempotent: a second run sends nothing
    assert len(mail.outbox) == 2
    assert set(Reminder.objects.filter(kind=kind).values_list("association", flat=True)) == {
        late.pk,
        drafting.pk,
    }


def test_no_reminder_too_early_nor_after_closing(monkeypatch):
    from indicators.catalogue import selectors

    campaign = CampaignFactory(year=2026)
    MembershipFactory(status="approved")
    for days in (15, 30, -1):
        monkeypatch.setattr(
            selectors, "today", lambda days=days: campaign.closes_on - dt.timedelta(days=days)
        )
        assert tasks.send_due_reminders() == 0
    assert not Reminder.objects.exists()


def test_a_missed_day_is_caught_up(monkeypatch):
    from indicators.catalogue import selectors

    campaign = CampaignFactory(year=2026)
    MembershipFactory(status="approved")
    monkeypatch.setattr(selectors, "today", lambda: campaign.closes_on - dt.timedelta(days=12))
    assert tasks.send_due_reminders() == 1
    assert tasks.send_due_reminders() == 0
    assert list(Reminder.objects.values_list("kind", flat=True)) == ["auto14"]


def test_load_demo_twice_changes_nothing():
    call_command("load_demo", stdout=io.StringIO())
    counts = (Campaign.objects.count(), Sheet.objects.count(), SheetValue.objects.count())
    assert counts[0] == 6 and counts[1] > 0
    open_campaign = Campaign.objects.get(year=2026)
    assert open_campaign.closes_on > dt.date(2026, 11, 21)
    assert open_campaign.items.filter(is_themed=True).exists()
    call_command("load_demo", stdout=io.StringIO())
    assert (Campaign.objects.count(), Sheet.objects.count(), SheetValue.objects.count()) == counts


def test_demo_member_can_open_the_2026_sheet(client):
    from solidaire.accounts.models import User

    call_command("load_demo", stdout=io.StringIO())
    client.force_login(User.objects.get(email="benevole@demo.lemans-solidaire.fr"))
    response = client.get(
        reverse("indicators:sheet", kwargs={"slug": "epicerie-solidaire-des-sablons", "year": 2026})
    )
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert 'name="i_passages"' in page and "L'an passé" in page
    assert "Bloc thématique 2026 : Inclusion numérique" in page.replace("\xa0", " ")
