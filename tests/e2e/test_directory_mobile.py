"""Phones first (issue #13): at 375 px the directory's filters fold behind « Filtrer », which
says how many are active, and the first result shows without scrolling."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(_browser):
    context = _browser.new_context(locale="fr-FR", viewport={"width": 375, "height": 667}, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_filters_fold_behind_a_button_that_counts_them(live_server, phone):
    call_command("load_demo", stdout=io.StringIO())
    page = phone
    page.goto(live_server.url + "/annuaire/?quartier=centre&gratuit=on")
    toggle = page.get_by_role("button", name="Filtrer")
    assert toggle.is_visible()
    assert "2 actifs" in toggle.inner_text()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.get_by_label("Thématique").is_visible()
    # The first result is on the first screen, the search box too.
    first = page.locator(".directory-card h2 a").first
    box = first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 667, box
    assert page.get_by_role("searchbox", name="Mots-clés").is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.get_by_label("Thématique").is_visible()
    page.get_by_label("Thématique").select_option("aide-alimentaire")
    page.get_by_role("button", name="Appliquer les filtres").click()
    page.wait_for_url("**thematique=aide-alimentaire**")
    assert "3 actifs" in page.get_by_role("button", name="Filtrer").inner_text()
    # Nothing scrolls sideways.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375


def test_wide_screens_keep_every_filter_visible(live_server, browser_page):
    page = browser_page
    page.goto(live_server.url + "/annuaire/")
    assert page.get_by_label("Thématique").is_visible()
    assert not page.get_by_role("button", name="Filtrer", exact=True).is_visible()
