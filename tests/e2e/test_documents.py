"""Generated documents in a real browser: the progress bar follows the rendering without a
reload (document-status.js, allowed by the CSP), and the status pages pass axe."""

from __future__ import annotations

import pytest
from django.utils import timezone

from charter import documents as charter_documents
from solidaire.core.documents.models import GeneratedDocument
from solidaire.core.documents.services import document_get
from tests.charter.factories import make_version

from .axe import BEST_PRACTICE_TAGS, WCAG_TAGS, format_violations, run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _running_charter_document() -> GeneratedDocument:
    """The charter PDF as a worker is producing it (in flight: visits do not queue it again)."""
    make_version()
    document = document_get(kind=charter_documents.CHARTER)
    GeneratedDocument.objects.filter(pk=document.pk).update(
        status="running", progress=30, step="Mise en page du texte", started_at=timezone.now()
    )
    return document


def test_the_progress_bar_follows_the_rendering_without_reloading(live_server, browser_page):
    document = _running_charter_document()
    page = browser_page
    response = page.goto(live_server.url + "/charte/charte.pdf")
    assert response.status == 202
    bar = page.locator("progress")
    assert bar.get_attribute("value") == "30"
    assert page.get_by_role("link", name="Actualiser l'état").is_visible()
    violations = run_axe(page, tags=WCAG_TAGS + BEST_PRACTICE_TAGS)
    assert not violations, format_violations(violations, url="page d'attente du document")

    page.evaluate("() => { window.notReloaded = true; }")
    GeneratedDocument.objects.filter(pk=document.pk).update(progress=70, step="Enregistrement du fichier")
    page.wait_for_function("() => document.querySelector('progress').value === 70")
    assert page.get_by_text("Enregistrement du fichier").is_visible()
    assert page.evaluate("() => window.notReloaded === true")  # updated in place


def test_the_status_page_shows_a_failure_and_passes_axe(live_server, browser_page):
    document = _running_charter_document()
    GeneratedDocument.objects.filter(pk=document.pk).update(
        status="failed", error="OSError : Pango introuvable", step="Échec de la production"
    )
    page = browser_page
    response = page.goto(live_server.url + f"/documents/{document.pk}/")
    assert response.status == 200
    assert page.get_by_role("alert").inner_text() == "OSError : Pango introuvable"
    violations = run_axe(page, tags=WCAG_TAGS + BEST_PRACTICE_TAGS)
    assert not violations, format_violations(violations, url=f"/documents/{document.pk}/")
