"""A citizen reaches the observatoire from the home page in a real browser, reads charts whose
labels are at least 12 px at 1280 and 375 px with their data tables, and the agenda's month view
fits a 320 px screen without scrolling sideways."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from solidaire.core.text.french import format_month
from tests import factories
from tests.indicators.observatoire.network import campaigns, structures, validated_sheets

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = Path(tempfile.gettempdir()) / "e2e-shots"  # screenshots to look at after a run

SMALLEST_LABEL = """() => {
    const sizes = [...document.querySelectorAll('main svg.chart-svg:not(.map-svg) text')].map(t => {
        const scale = t.ownerSVGElement.getScreenCTM().a;
        return parseFloat(t.getAttribute('font-size')) * scale;
    });
    return sizes.length ? Math.min(...sizes) : null;
}"""
WIDER_THAN_SCREEN = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def _shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("width", [1280, 375])
def test_from_the_home_page_to_readable_charts(live_server, browser_page, width):
    (_, c2025), indicators = campaigns()
    validated_sheets(structures(4, prefix="e"), c2025, indicators, lambda i, a: {"personnes": 250})
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(live_server.url + "/")
    tools = page.get_by_role("region", name="Nos outils")
    tools.get_by_role("link", name="Consulter l'observatoire social : chiffres clés et rapports").click()
    assert page.url == live_server.url + "/observatoire/"
    assert page.get_by_role("heading", level=1).inner_text() == "Observatoire social"
    menu = page.get_by_role("navigation", name="Navigation principale")
    assert menu.get_by_role("link", name="Observatoire").get_attribute("aria-current") == "page"

    main = page.get_by_role("main")
    assert "Chiffres clés de la campagne 2025" in main.inner_text()
    # Measured once the page and its stylesheet are in: on a busy machine the click's navigation
    # can be read before the CSS sizes the charts (a 9.5 px label that the reader never sees).
    page.wait_for_load_state("load")
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(f"({SMALLEST_LABEL})() >= 12", timeout=5000)
    smallest = page.evaluate(SMALLEST_LABEL)
    assert smallest is not None and smallest >= 12, f"smallest chart label {smallest:.1f} px at {width} px"
    assert page.evaluate(WIDER_THAN_SCREEN) <= 0
    # Each chart's data as a table, one click away.
    data = main.locator("details.chart-data").first
    data.get_by_text("Données du graphique").click()
    assert data.get_by_role("table").is_visible()
    assert "2025" in data.get_by_role("table").inner_text()
    _shot(page, f"observatoire-{width}")

    # The footer leads there too.
    page.goto(live_server.url + "/charte/")
    footer = page.get_by_role("contentinfo")
    footer.get_by_role("link", name="L'observatoire social : chiffres et rapports").click()
    assert page.url == live_server.url + "/observatoire/"


def test_the_month_view_opens_on_the_next_events_and_fits_320_px(live_server, browser_page):
    later = factories.local_day_at(100)
    factories.EditionFactory(title="Palabres au Mans, édition de printemps", starts_at=later)
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(live_server.url + "/evenements/?vue=mois")
    main = page.get_by_role("main")
    assert f"Agenda de {format_month(later.date())}" in main.inner_text()
    assert page.evaluate(WIDER_THAN_SCREEN) <= 0, "the month view scrolls sideways at 320 px"
    link = main.get_by_role("link", name="Palabres au Mans, édition de printemps")
    assert link.is_visible()
    _shot(page, "month-320")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert main.get_by_role("table").is_visible() and page.evaluate(WIDER_THAN_SCREEN) <= 0
    _shot(page, "month-1280")
