"""The Nu HTML Checker helper reports what vnu finds, page by page: a checker that silently
checks nothing would let every HTML error through the accessibility test."""

from __future__ import annotations

import pytest

from tests.conftest import require_service

from . import nu

PAGE = (
    '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Agenda</title></head>'
    '<body><main><label for="m">Mois</label><input type="month" id="m" name="mois"{}></main></body></html>'
)


@pytest.fixture(autouse=True)
def _needs_java():
    reason = nu.missing_reason()
    require_service(reason is None, reason or "")


def test_an_html_error_is_reported_for_its_page_only():
    found = nu.html_errors({"/valide/": PAGE.format(""), "/invalide/": PAGE.format(' placeholder="2027-06"')})
    assert list(found) == ["/invalide/"]
    assert "placeholder" in found["/invalide/"][0] and "line 1" in found["/invalide/"][0]
