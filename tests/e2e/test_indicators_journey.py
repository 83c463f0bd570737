"""A member fills and submits the yearly sheet in a real browser; CCAS staff validate it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from indicators.sheets.models import Sheet, SheetStatus
from tests import factories
from tests.indicators.factories import CampaignFactory, build_catalogue

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, base_url: str, email: str) -> None:
    page.goto(base_url + "/comptes/login/")
    page.get_by_label("Courriel").fill(email)
    page.get_by_label("Mot de passe").fill(factories.PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(base_url + "/mon-espace/")


def test_member_fills_and_submits_then_staff_validates(live_server, browser_page):
    today = timezone.localdate()
    campaign = CampaignFactory(
        year=2026, opens_on=today - dt.timedelta(days=30), closes_on=today + dt.timedelta(days=60)
    )
    build_catalogue(campaign)
    association = factories.AssociationFactory(name="Épicerie du parcours")
    member = factories.MembershipFactory(association=association, role="admin", status="approved").user
    staff = factories.StaffUserFactory(email="agent@example.org")
    page = browser_page

    log_in(page, live_server.url, member.email)
    page.goto(live_server.url + "/indicateurs/")
    page.get_by_role("link", name="Remplir la fiche d'Épicerie du parcours").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Fiche d'indicateurs 2026")
    typologie = page.get_by_role("group", name="Typologie du public")
    page.get_by_label("Personnes accueillies").fill("10")
    page.get_by_label("Nombre de passages").fill("40")
    typologie.get_by_label("Femmes").fill("6")
    typologie.get_by_label("Hommes").fill("5")  # does not add up
    page.get_by_label("Bénévoles").fill("12")
    page.get_by_label("Salariés (ETP)").fill("1,5")
    page.get_by_role("button", name="Transmettre au CCAS").click()
    alert = page.get_by_role("alert").first
    assert "erreurs à corriger" in alert.inner_text()
    assert "ne totalise pas" in page.content()
    assert typologie.get_by_label("Hommes").input_value() == "5"

    typologie.get_by_label("Hommes").fill("4")
    page.get_by_role("button", name="Transmettre au CCAS").click()
    assert "Fiche transmise au CCAS" in page.get_by_role("main").inner_text()
    assert "en cours d'examen par le CCAS" in page.content()
    sheet = Sheet.objects.get(association=association, campaign=campaign)
    assert sheet.status == SheetStatus.SUBMITTED

    page.context.clear_cookies()
    log_in(page, live_server.url, staff.email)
    page.goto(live_server.url + "/indicateurs/suivi/")
    assert page.get_by_role("heading", level=1).inner_text() == "Suivi des fiches d'indicateurs 2026"
    page.get_by_role("link", name="Examiner la fiche d'Épicerie du parcours").click()
    assert "Rapport bénévoles / salariés" in page.content()
    page.get_by_role("button", name="Valider la fiche").click()
    assert "Fiche d'Épicerie du parcours validée." in page.get_by_role("main").inner_text()
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.VALIDATED and sheet.validated_by == staff
    assert page.get_by_role("button", name="Rouvrir la fiche").is_visible()
