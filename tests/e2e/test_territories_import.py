"""The territories import in a real browser (issues 19.3 and 20.4): a refused file puts the error
summary first on the page, focused, each error linking to the upload field; the page passes axe;
the accepted territories are listed."""

from __future__ import annotations

import os

import pytest

from indicators.territories.services import territories_create_quartiers
from tests import factories

from .axe import BEST_PRACTICE_TAGS, WCAG_TAGS, format_violations, run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("SCREENSHOTS_DIR")  # set it to look at the pages


def _login(page, live_server, user):
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import login
    from django.http import HttpRequest

    engine = import_module(settings.SESSION_ENGINE)
    request = HttpRequest()
    request.session = engine.SessionStore()
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session.save()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": request.session.session_key, "url": live_server.url}]
    )


def test_a_refused_file_puts_a_focused_summary_first(live_server, browser_page, tmp_path):
    territories_create_quartiers()
    page = browser_page
    _login(page, live_server, factories.StaffUserFactory())
    page.goto(live_server.url + "/observatoire/territoires/")
    page.get_by_text("Territoires acceptés").click()
    assert page.get_by_role("cell", name="Les Sablons").is_visible()
    bad = tmp_path / "ref.csv"
    bad.write_text(
        "territoire;indicateur;annee;valeur;source;licence\n"
        "nulle-part;population;2021;12;INSEE;LO\nLes Sablons;population;20x;12;INSEE;LO\n",
        encoding="utf-8",
    )
    page.set_input_files("#id_ref-file", str(bad))
    page.get_by_role("button", name="Importer les indicateurs").click()
    summary = page.locator("#import-errors")
    assert summary.is_visible()
    assert page.evaluate("() => document.activeElement.id") == "import-errors"
    assert "Ligne 2 : territoire inconnu « nulle-part »." in summary.inner_text()
    assert "Ligne 3 : l'année « 20x »" in summary.inner_text()
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, "territories-refused.png"), full_page=False)
    violations = run_axe(page, tags=WCAG_TAGS + BEST_PRACTICE_TAGS)
    assert not violations, format_violations(violations, url="/observatoire/territoires/ (refus)")
    summary.get_by_role("link").first.click()
    assert page.evaluate("() => document.activeElement.id") == "id_ref-file"
