"""Automatic reminders (idempotent), the beat schedule, the dashboard and the demo data."""

from __future__ import annotations

import datetime as dt
import html
import io
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from indicators.catalogue.models import Campaign
from indicators.dashboard.charts import bar_chart
from indicators.reminders import tasks
from indicators.reminders.models import Reminder
from indicators.sheets.models import Sheet, SheetValue
from tests.factories import AssociationFactory, MembershipFactory

from .factories import CampaignFactory, SheetFactory, add_values

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


def test_dashboard_shows_own_figures_and_network_median_only(client, member_of, indicators, campaign):
    mine = AssociationFactory(name="Mienne")
    previous = CampaignFactory(year=2025, opens_on="2025-10-01", closes_on="2026-01-31")
    for index, value in enumerate([10, 20, 300]):
        association = mine if index == 0 else AssociationFactory(name=f"Autre {index}")
        sheet = SheetFactory(
            association=association,
            campaign=previous,
            status="validated",
            validated_at="2026-02-01T10:00:00Z",
        )
        add_values(sheet, indicators, passages=value + 1000)
    client.force_login(member_of(mine))
    response = client.get(reverse("indicators:dashboard", kwargs={"slug": mine.slug}))
    page = html.unescape(response.content.decode())
    assert "<svg" in page and "<title" in page and "<desc" in page
    assert "Médiane du réseau" in page
    assert "<td>1\u202f010</td><td>1\u202f020</td>" in page  # own value, median of 3 sheets
    assert "1\u202f300" not in page and "Autre 2" not in page  # never another's figure
    assert 'style="' not in page.split("<main")[1]
    other = AssociationFactory()
    assert client.get(reverse("indicators:dashboard", kwargs={"slug": other.slug})).status_code == 403


def test_chart_is_valid_accessible_svg():
    chart = bar_chart(
        title="Passages <test>",
        description="Comparaison",
        labels=["2024", "2025"],
        series=[("Nous", [10, None]), ("Médiane", [5, 7])],
        chart_id="c1",
    )
    root = ElementTree.fromstring(str(chart.svg))  # noqa: S314 - our own markup
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{ns}title").text == "Passages <test>"
    bars = [r for r in root.iter(f"{ns}rect") if r.find(f"{ns}title") is not None]
    assert len(bars) == 3  # the missing value draws no bar
    assert '<th scope="row">2025</th><td>—</td><td>7</td>' in str(chart.table)


@pytest.mark.parametrize(
    ("largest", "ticks"),
    [(30, ["0", "10", "20", "30", "40"]), (1100, ["0", "300", "600", "900", "1 200"])],
)
def test_chart_scale_uses_round_ticks(largest, ticks):
    chart = bar_chart(title="t", description="d", labels=["2025"], series=[("Nous", [largest])])
    root = ElementTree.fromstring(str(chart.svg))  # noqa: S314 - our own markup
    texts = [
        t.text.replace("\u202f", " ").replace("\xa0", " ")
        for t in root.iter("{http://www.w3.org/2000/svg}text")
    ]
    assert texts[:5] == ticks


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


@pytest.mark.django_db
def test_chart_titles_do_not_repeat_a_unit_the_label_already_gives():
    from indicators.dashboard.views import _chart_title
    from tests.indicators.factories import IndicatorFactory

    etp = IndicatorFactory(code="salaries_etp", label="Salariés (équivalents temps plein)", unit="etp")
    people = IndicatorFactory(code="accueils_x", label="Nombre d'accueils", unit="personnes")
    assert _chart_title(etp) == "Salariés (équivalents temps plein)"
    assert _chart_title(people) == "Nombre d'accueils (personnes)"


@pytest.mark.parametrize("own_validated", [False, True])
def test_dashboard_median_is_withheld_below_three_sheets(client, member_of, indicators, own_validated):
    """With one other sheet the median is its figure; with two (ours validated too) the viewer
    computes the other's figure from the median and their own: both would leak it."""
    mine = AssociationFactory(name="Mienne")
    previous = CampaignFactory(year=2025, opens_on="2025-10-01", closes_on="2026-01-31")
    validated = {"status": "validated", "validated_at": "2026-02-01T10:00:00Z"}
    own = SheetFactory(
        association=mine, campaign=previous, **(validated if own_validated else {"status": "submitted"})
    )
    add_values(own, indicators, passages=10)
    add_values(SheetFactory(campaign=previous, **validated), indicators, passages=777)
    client.force_login(member_of(mine))
    page = html.unescape(
        client.get(reverse("indicators:dashboard", kwargs={"slug": mine.slug})).content.decode()
    )
    assert "<td>10</td><td>—</td>" in page
    assert "777" not in page and "393" not in page
