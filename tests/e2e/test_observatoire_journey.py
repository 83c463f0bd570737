"""CCAS staff launch the annual report in a real browser, follow it, download and publish it; an
anonymous visitor then finds the figures and the report on the public observatoire."""

from __future__ import annotations

import pytest

from tests import factories
from tests.indicators.observatoire.network import campaigns, structures, validated_sheets

from .test_indicators_journey import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_launch_download_and_publish_the_annual_report(live_server, browser_page):
    (_, c2025), indicators = campaigns()
    validated_sheets(structures(4, prefix="e"), c2025, indicators, lambda i, a: {"personnes": 250})
    staff = factories.StaffUserFactory(email="agent@example.org")
    page = browser_page

    log_in(page, live_server.url, staff.email)
    page.goto(live_server.url + "/observatoire/")
    page.get_by_role("link", name="Produire et publier les rapports").click()
    page.get_by_role("radio", name="Rapport annuel du réseau").check()
    page.get_by_label("Campagne").select_option("2025")
    page.get_by_role("button", name="Lancer la production").click()  # rendered in-process (no Redis)
    status = page.locator(".document-status").first
    assert "Prêt" in status.inner_text()
    assert page.get_by_label("Avancement").first.get_attribute("value") == "100"
    link = status.get_by_role("link", name="Télécharger le document")
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    page.get_by_role("button", name="Publier Rapport annuel du réseau 2025").click()
    assert "Rapport publié" in page.get_by_role("main").inner_text()

    page.context.clear_cookies()
    page.goto(live_server.url + "/observatoire/")
    main = page.get_by_role("main").inner_text().replace("\u202f", " ").replace("\u00a0", " ")
    assert "Chiffres clés de la campagne 2025" in main and "1 000 personnes" in main
    assert page.get_by_role("link", name="Télécharger « Rapport annuel du réseau 2025 »").count() == 1
