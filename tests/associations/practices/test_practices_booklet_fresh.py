"""The booklet « Pratiques inspirantes » follows the practices (issue 19.4): a practice published
or archived after the booklet was produced makes it stale, and the next visit produces it again;
the page says when the file was produced."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from associations.practices.documents import BOOKLET
from solidaire.core.documents.models import GeneratedDocument
from tests.associations.factories import PracticeFactory

pytestmark = pytest.mark.django_db


def _booklet_text() -> str:
    document = GeneratedDocument.objects.get(kind=BOOKLET)
    with document.storage.open(document.file_name, "rb") as handle:
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)


def test_the_booklet_is_produced_again_when_the_practices_change(
    client, staff_user, django_capture_on_commit_callbacks
):
    first = PracticeFactory(title="Un jardin partagé")
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/annuaire/pratiques/livret/")
    assert "Un jardin partagé" in _booklet_text()
    html = client.get("/annuaire/pratiques/livret/").content.decode()
    assert "Fichier produit le " in html

    PracticeFactory(title="Une épicerie itinérante")
    first.status = "archived"
    first.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.get("/annuaire/pratiques/livret/")
    text = _booklet_text()
    assert "Une épicerie itinérante" in text and "Un jardin partagé" not in text
    assert GeneratedDocument.objects.get(kind=BOOKLET).revision == 2
