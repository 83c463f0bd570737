"""The charter's PDFs: rendered in the background, served from storage, failures shown."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from unittest import mock

import pytest
from django.urls import reverse

from associations.structures import services as structure_services
from associations.structures.cache import version_bump
from charter import documents, services
from charter.demo import load_charter_v1
from events.public.cache import version_bump as events_version_bump
from solidaire.core.documents import pdf
from solidaire.core.documents import services as document_services
from solidaire.core.documents.models import GeneratedDocument
from tests import factories
from tests.charter.factories import association_admin
from tests.conftest import require_service

pytestmark = pytest.mark.django_db


def _weasyprint_loads() -> bool:
    try:
        import weasyprint  # noqa: F401 - needs pango from the system
    except (ImportError, OSError):
        return False
    return True


@pytest.fixture(autouse=True)
def _needs_weasyprint():
    require_service(_weasyprint_loads(), "WeasyPrint cannot load pango (apt-get install libpango-1.0-0)")


CHARTER_PDF = reverse("charter:charter_pdf")
SIGNATORIES_PDF = reverse("charter:signatories_pdf")


def _text(data: bytes, tmp_path: Path) -> str:
    require_service(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) missing")
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return " ".join(out.replace("\u00a0", " ").split())


def _download(client, url, capture) -> bytes:
    """First visit queues the rendering (202, a page following it), the task runs on commit,
    second visit serves."""
    with capture(execute=True):
        first = client.get(url)
    assert first.status_code == 202
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)


def test_charter_pdf_is_typeset_with_footer(client, tmp_path, django_capture_on_commit_callbacks):
    load_charter_v1()
    data = _download(client, CHARTER_PDF, django_capture_on_commit_callbacks)
    assert data.startswith(b"%PDF")
    text = _text(data, tmp_path)
    assert "Charte « Le Mans Solidaire »" in text
    assert "Version 1, adoptée le 19 novembre 2010" in text
    assert "Yves Calippe" in text
    assert "Faire avec et non à la place de la personne" in text
    assert "À permettre l'accès de l'utilisateur à son dossier à tout moment." in text
    assert "Des indicateurs sociaux partagés" in text
    # Footer on the text pages: network, version, adoption date, page numbers.
    assert "Le Mans solidaire — Charte « Le Mans Solidaire » — version 1, adoptée le 19 novembre 2010" in text
    assert "Page 2 / " in text
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "doc.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert "(A4)" in info
    assert re.search(r"^Tagged:\s+yes$", info, re.M)  # pdf/ua-1: accessible to screen readers
    # One page as an image, to look at when changing the print CSS (not kept).
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "3",
            "-l",
            "3",
            str(tmp_path / "doc.pdf"),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    assert list(tmp_path.glob("page*.png"))


def test_pending_page_is_french_202_and_queues_once(client, django_capture_on_commit_callbacks):
    load_charter_v1()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.get(CHARTER_PDF)
    assert response.status_code == 202
    assert response["Retry-After"] == "10"
    assert "Le document est en cours de préparation" in response.content.decode()
    assert len(callbacks) == 1
    # A task is already pending: a second visit does not queue another one.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert client.get(CHARTER_PDF).status_code == 202
    assert callbacks == []


def test_cached_file_is_served_without_rendering(client, django_capture_on_commit_callbacks):
    load_charter_v1()
    first = _download(client, CHARTER_PDF, django_capture_on_commit_callbacks)
    with mock.patch.object(pdf, "render_pdf", side_effect=AssertionError("rendered!")):
        response = client.get(CHARTER_PDF)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == first


def test_failed_rendering_shows_as_a_failure_not_forever_pending(client, django_capture_on_commit_callbacks):
    load_charter_v1()
    with mock.patch.object(pdf, "render_pdf", side_effect=OSError("Pango introuvable")) as render:
        with django_capture_on_commit_callbacks(execute=True):
            assert client.get(CHARTER_PDF).status_code == 202
        document = GeneratedDocument.objects.get(kind=documents.CHARTER)
        assert document.status == "failed"
        assert "Pango introuvable" in document.error
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            response = client.get(CHARTER_PDF)
        assert response.status_code == 503
        assert "a échoué" in response.content.decode()
        assert "Retry-After" not in response
        assert callbacks == [] and render.call_count == 1  # no endless retries
    # Staff retry (admin action) once the cause is fixed.
    with django_capture_on_commit_callbacks(execute=True):
        document_services.document_invalidate(kind=documents.CHARTER)
    assert client.get(CHARTER_PDF).status_code == 200


def test_signatories_pdf_lists_dates_and_follows_approvals(
    client, tmp_path, staff_user, django_capture_on_commit_callbacks
):
    version, _ = load_charter_v1()
    factories.SignatureFactory(
        version=version,
        signed_on="2011-01-15",
        association=factories.AssociationFactory(name="Restos du Cœur"),
    )
    factories.SignatureFactory(
        version=version, status="withdrawn", association=factories.AssociationFactory(name="Partie ailleurs")
    )
    text = _text(_download(client, SIGNATORIES_PDF, django_capture_on_commit_callbacks), tmp_path)
    assert "Restos du Cœur" in text and "15 janvier 2011" in text
    assert "Partie ailleurs" not in text
    assert "1 structure signataire" in text

    # A new signatory: the list is rendered again in the background after the approval.
    association = factories.AssociationFactory(name="Épicerie des Sablons")
    with django_capture_on_commit_callbacks(execute=True):
        signature = services.signature_request(
            user=association_admin(association),
            association=association,
            version=version,
            representative_name="Claire",
            representative_role="Présidente",
            acknowledged_articles=[1, 2, 3, 4],
        )
        services.signature_approve(signature=signature, by=staff_user)
    response = client.get(SIGNATORIES_PDF)
    assert response.status_code == 200
    text = _text(b"".join(response.streaming_content), tmp_path)
    assert "Épicerie des Sablons" in text and "2 structures signataires" in text


def test_charter_edit_triggers_a_new_rendering(client, django_capture_on_commit_callbacks):
    version, _ = load_charter_v1()
    _download(client, CHARTER_PDF, django_capture_on_commit_callbacks)
    before = GeneratedDocument.objects.get(kind=documents.CHARTER).stamp
    section = version.sections.get(number=3)
    section.closing = "Texte ajouté en 2026."
    section.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.charter_content_changed(version=version)
    document = GeneratedDocument.objects.get(kind=documents.CHARTER)
    assert document.status == "done" and document.stamp != before
    assert document.stamp.startswith("v1-")


def test_render_pdf_reads_static_files_and_refuses_the_network():
    fetcher = pdf._url_fetcher()
    css = fetcher.fetch("file:///static/css/pdf.css")
    assert b"@page" in css.read()
    with pytest.raises(pdf.PdfResourceRefused):
        fetcher.fetch("https://example.org/tracker.css")
    with pytest.raises(pdf.PdfResourceRefused):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(pdf.PdfResourceRefused):
        fetcher.fetch("file:///static/../../../../etc/passwd")


def test_renamed_signatory_refreshes_the_list_pdf(django_capture_on_commit_callbacks):
    version, _ = load_charter_v1()
    signature = factories.SignatureFactory(version=version)
    unsigned = factories.AssociationFactory()
    staff = factories.StaffUserFactory()
    document = document_services.document_get(kind=documents.SIGNATORIES)
    association = signature.association

    def edit(structure, **data):
        structure_services.association_card_update(association=structure, data=data, by=staff)

    edit(association, summary="Autre résumé.")  # not printed: nothing to do
    edit(association, name=association.name)  # the same name: no change
    edit(unsigned, name="Pas signataire")
    assert GeneratedDocument.objects.get(pk=document.pk).revision == document.revision
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        edit(association, name="Nouveau nom")
    assert GeneratedDocument.objects.get(pk=document.pk).revision == document.revision + 1
    # One rebuild enqueued (the directory's and the events' caches also move on after the commit).
    assert len([c for c in callbacks if c not in (version_bump, events_version_bump)]) == 1
