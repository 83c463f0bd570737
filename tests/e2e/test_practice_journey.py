"""A practice goes from a structure to the public in a real browser: a member proposes it, CCAS
staff find it on their home page (/espace/), then publish it from the directory follow-up."""

from __future__ import annotations

import pytest

from associations.practices.models import Practice
from tests import factories

from .test_indicators_journey import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_association_proposes_a_practice_staff_see_it_on_their_home_and_publish_it(
    live_server, browser_page, tmp_path
):
    structure = factories.AssociationFactory(name="Épicerie des Sablons")
    member = factories.MembershipFactory(association=structure, role="admin", status="approved").user
    staff = factories.StaffUserFactory(email="agent@example.org")
    page = browser_page

    log_in(page, live_server.url, member.email)
    page.goto(f"{live_server.url}/annuaire/{structure.slug}/espace/")
    page.get_by_role("link", name="Partager une pratique inspirante").click()
    page.locator("#id_title").fill("Un potager partagé au pied des immeubles")
    page.locator("#id_question").fill("Des habitants isolés, sans accès à des légumes frais.")
    page.locator("#id_response").fill("Un jardin cultivé ensemble chaque samedi.")
    page.get_by_role("button", name="Enregistrer et proposer au CCAS").click()
    assert "transmise au CCAS" in page.get_by_role("main").inner_text()
    page.context.clear_cookies()

    log_in(page, live_server.url, staff.email)
    page.goto(live_server.url + "/espace/")
    page.screenshot(path=str(tmp_path / "staff_home.png"), full_page=True)
    line = page.get_by_role("link", name="Pratiques inspirantes proposées à publier")
    assert "1" in line.locator("xpath=..").get_by_test_id("pending-count").inner_text()
    line.click()
    heading = page.get_by_role("heading", name="Pratiques inspirantes proposées (1)")
    section = page.locator("section", has=heading)
    assert "Épicerie des Sablons" in section.inner_text()
    page.screenshot(path=str(tmp_path / "followup.png"), full_page=True)
    section.get_by_role("button", name="Publier « Un potager partagé au pied des immeubles »").click()
    assert "Pratique publiée." in page.get_by_role("main").inner_text()
    assert Practice.objects.get().status == "published"

    page.goto(live_server.url + "/espace/")
    assert page.get_by_role("link", name="Pratiques inspirantes proposées à publier").count() == 0
