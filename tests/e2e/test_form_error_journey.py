"""A refused form guides, by keyboard (issue 21, item 3): submit → the error summary has the
focus → its links lead into each field → fixed → accepted. The honeypot is out of sight, radios
and boxes are at least 24 px, and at 320 px a wrapped label stays beside its radio."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from associations.council.models import CouncilRequest
from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COUNCIL = "/annuaire/conseil-des-usagers/"
ACTIVE = "() => document.activeElement.id"
# Where to leave screenshots to look at (E2E_SCREENSHOTS=/tmp/shots); none by default.
SHOTS = os.environ.get("E2E_SCREENSHOTS")


def shoot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_refused_summary_focused_fixed_accepted_by_keyboard(live_server, browser_page):
    page = browser_page
    page.goto(live_server.url + COUNCIL)
    # The honeypot is in the page but nobody sees it.
    box = page.locator(".hp-field").bounding_box()
    assert box is None or box["x"] + box["width"] <= 0

    page.locator("#id_name").focus()
    page.keyboard.type("Mireille")
    page.keyboard.press("Enter")  # no phone nor e-mail, no consent
    page.wait_for_selector("[data-error-summary]")
    assert page.evaluate(ACTIVE) == "form-errors"  # the summary
    summary = page.locator("[data-error-summary]")
    assert "Indiquez un téléphone ou une adresse e-mail" in summary.inner_text()
    assert "Cochez cette case" in summary.inner_text()
    assert page.locator("#id_name").input_value() == "Mireille"  # what was typed stays
    shoot(page, "council-refused-1280")

    page.keyboard.press("Tab")  # the summary's first link
    page.keyboard.press("Enter")
    assert page.evaluate(ACTIVE) == "id_phone"
    page.keyboard.type("06 12 34 56 78")

    page.locator("[data-error-summary] a[href='#id_consent']").focus()
    page.keyboard.press("Enter")
    assert page.evaluate(ACTIVE) == "id_consent"
    page.keyboard.press("Space")
    assert page.locator("#id_consent").is_checked()
    page.keyboard.press("Tab")  # past the honeypot (out of the tab order): the button
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Envoyer ma demande"
    page.keyboard.press("Enter")
    page.wait_for_selector(".message-success")
    assert "Merci" in page.locator(".message-success").inner_text()
    assert CouncilRequest.objects.get().phone == "06 12 34 56 78"


def test_radios_are_big_enough_and_stay_beside_their_wrapped_label(live_server, _browser):
    structure = factories.AssociationFactory(name="Épicerie solidaire des Sablons", summary="")
    context = _browser.new_context(locale="fr-FR", viewport={"width": 320, "height": 800})
    page = context.new_page()
    try:
        page.goto(live_server.url + f"/annuaire/{structure.slug}/signaler/")
        page.get_by_role("button", name="Envoyer le signalement").click()
        page.wait_for_selector("[data-error-summary]")
        shoot(page, "report-refused-320")
        layout = page.evaluate(
            """() => [...document.querySelectorAll('main .field-group label')].map(label => {
                const input = label.querySelector('input').getBoundingClientRect();
                const range = document.createRange();
                range.selectNodeContents(label);
                range.setStartAfter(label.querySelector('input'));
                const lines = [...range.getClientRects()].filter(r => r.width > 0);
                return {
                    text: label.textContent.trim(), width: input.width, height: input.height,
                    beside: lines.every(r => r.left >= input.right - 1), lines: lines.length,
                };
            })"""
        )
        assert layout, "no radio"
        for radio in layout:
            assert radio["width"] >= 24 and radio["height"] >= 24, radio
            assert radio["beside"], radio
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_search_results_put_the_french_classes_first(live_server, _browser, width):
    from tests.associations.search.test_search_quality import FRENCH_CLASSES, load_demo_directory

    load_demo_directory()
    context = _browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(live_server.url + "/annuaire/?q=cours+de+fran%C3%A7ais")
        links = page.locator(".directory-card h2 a")
        slugs = {
            href.strip("/").split("/")[-1]
            for href in links.evaluate_all("as => as.map(a => a.getAttribute('href'))")
        }
        assert slugs == FRENCH_CLASSES
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        shoot(page, f"search-cours-de-francais-{width}")
    finally:
        context.close()


CONTROLS = """() => [...document.querySelectorAll('main input[type=radio], main input[type=checkbox]')]
    .filter(input => !input.closest('.hp-field'))
    .map(input => { const box = input.getBoundingClientRect(); return [input.id, box.width, box.height]; })"""


def test_a_refused_congress_registration_at_375_px(live_server, _browser):
    from tests.congress.factories import programme

    edition = programme()["edition"]
    context = _browser.new_context(locale="fr-FR", viewport={"width": 375, "height": 800})
    page = context.new_page()
    try:
        page.goto(live_server.url + edition.get_absolute_url() + "inscription/")
        page.locator("#id_last_name").fill("Durand")
        page.get_by_role("button", name="Envoyer mon inscription").click()
        page.wait_for_selector("[data-error-summary]")
        assert page.evaluate(ACTIVE) == "form-errors"
        targets = page.locator("[data-error-summary] a").evaluate_all("as => as.map(a => a.hash)")
        assert "#id_days_0" in targets and "#id_consent_processing" in targets
        for target in targets:  # every link leads to a control of the page
            assert page.locator(target).count() == 1, target
        assert page.locator("#id_last_name").input_value() == "Durand"
        for name, width, height in page.evaluate(CONTROLS):  # day boxes, workshop radios, consents
            assert width >= 24 and height >= 24, name
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
        shoot(page, "congress-refused-375")
    finally:
        context.close()
