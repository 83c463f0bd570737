"""CCAS staff at work in a real browser: the staff home says what waits, a submitted sheet is
reviewed from there, then every late structure is reminded (the unreachable one is listed);
and the sex × age grid of the sheet totals what is typed, live."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from indicators.catalogue.models import Breakdown, BreakdownCategory, IndicatorDefinition
from indicators.reminders.models import Reminder
from indicators.sheets.models import Sheet, SheetStatus
from tests import factories
from tests.indicators.factories import CampaignFactory, build_catalogue

from .test_indicators_journey import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
# The campaign is open: nobody is late yet, the button reminds those that have not transmitted.
OPEN_CAMPAIGN_REMINDER = re.compile("Relancer les structures qui n'ont pas encore transmis")


def test_staff_home_review_then_remind_late_structures(live_server, browser_page):
    today = timezone.localdate()
    campaign = CampaignFactory(
        year=2026, opens_on=today - dt.timedelta(days=30), closes_on=today + dt.timedelta(days=60)
    )
    build_catalogue(campaign)
    done = factories.AssociationFactory(name="Épicerie transmise")
    Sheet.objects.create(
        association=done, campaign=campaign, status=SheetStatus.SUBMITTED, submitted_at=timezone.now()
    )
    late = factories.AssociationFactory(name="Banque en retard", email="banque@example.org")
    factories.AssociationFactory(name="Club injoignable", email="")
    staff = factories.StaffUserFactory(email="agent@example.org")
    page = browser_page

    log_in(page, live_server.url, staff.email)
    page.goto(live_server.url + "/espace/")
    assert page.get_by_role("heading", level=1).inner_text() == "Espace du CCAS"
    page.get_by_role("link", name="Fiches d'indicateurs à relire").click()
    page.get_by_role("link", name="Examiner la fiche d'Épicerie transmise").click()
    page.get_by_role("button", name="Valider la fiche").click()
    assert "Fiche d'Épicerie transmise validée." in page.get_by_role("main").inner_text()

    page.goto(live_server.url + "/indicateurs/suivi/2026/")
    unreachable = page.get_by_test_id("unreachable")
    assert "Club injoignable" in unreachable.inner_text()
    assert unreachable.get_by_role("link", name="compléter la fiche de Club injoignable").is_visible()
    button = page.get_by_role("button", name=OPEN_CAMPAIGN_REMINDER)
    button.dblclick()  # a double click must not send two reminders
    # Wait for the answer's message (the page is replaced once the POSTs have been answered).
    page.get_by_text("structure sans adresse", exact=False).first.wait_for()
    assert Reminder.objects.filter(association=late).count() == 1
    page.get_by_role("button", name=OPEN_CAMPAIGN_REMINDER).click()
    page.get_by_text("déjà relancée", exact=False).first.wait_for()
    assert Reminder.objects.filter(association=late).count() == 1


def test_the_typology_grid_totals_what_is_typed(live_server, browser_page):
    today = timezone.localdate()
    campaign = CampaignFactory(
        year=2026, opens_on=today - dt.timedelta(days=30), closes_on=today + dt.timedelta(days=60)
    )
    breakdown = Breakdown.objects.create(code="sexe-age", label="Sexe × âge")
    order = 0
    for sex in ["Femmes", "Hommes"]:
        for age in ["0-17 ans", "18-59 ans"]:
            order += 1
            BreakdownCategory.objects.create(
                breakdown=breakdown, code=f"c{order}", label=f"{sex}, {age}", order=order
            )
    indicator = IndicatorDefinition.objects.create(
        code="public", label="Typologie du public", family="publics", unit="personnes", breakdown=breakdown
    )
    campaign.items.create(indicator=indicator, order=1)
    association = factories.AssociationFactory(name="Centre de la grille")
    member = factories.MembershipFactory(association=association, role="admin", status="approved").user
    page = browser_page
    log_in(page, live_server.url, member.email)
    page.goto(f"{live_server.url}/indicateurs/structure/{association.slug}/2026/")
    page.get_by_label("Femmes, 0-17 ans").fill("1 200")
    page.get_by_label("Hommes, 0-17 ans").fill("5")
    page.get_by_label("Hommes, 18-59 ans").fill("2,5")
    grand = page.locator("[data-grand-total]")
    assert grand.inner_text().replace("\u202f", " ").replace("\u00a0", " ") == "1 207,5"
    assert (
        page.locator('[data-col-total="0"]').inner_text().replace("\u202f", " ").replace("\u00a0", " ")
        == "1 205"
    )
    assert page.locator('[data-row-total="1"]').inner_text().replace("\u00a0", " ") == "7,5"
