"""Documents that know what they depend on, and are ready when asked (issues 19.4 and 21.4):
a file drawn from data that changed since is stale and produced again; the status says when the
file was produced; a parameter that no longer resolves is a 404; a public document asked for the
first time is served in the same request when tasks run in-process, else the page follows it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse

from charter import documents as charter_documents
from solidaire.core.documents import services
from solidaire.core.documents.models import GeneratedDocument
from solidaire.core.documents.registry import Rendered, Renderer, fingerprint_of, register
from tests.charter.factories import make_version

pytestmark = pytest.mark.django_db

KIND = "tests.fresh"


class FreshRenderer(Renderer):
    """Public; its source is `source` (a class attribute the tests change)."""

    kind = KIND
    label = "Document suivi"
    source = "v1"
    calls = 0

    def can_view(self, user, params):
        if self.source is None:
            raise ObjectDoesNotExist("supprimé")
        return True

    def fingerprint(self, params):
        return fingerprint_of(self.source)

    def render(self, params, progress):
        type(self).calls += 1
        return Rendered(content=f"%PDF-1.7 {self.source}".encode(), download_name="suivi.pdf")


@pytest.fixture
def fresh():
    FreshRenderer.source, FreshRenderer.calls = "v1", 0
    register(FreshRenderer())
    return FreshRenderer


def _read(document):
    document.refresh_from_db()
    with document.storage.open(document.file_name, "rb") as handle:
        return handle.read()


def test_a_document_whose_data_changed_is_produced_again_when_asked(
    fresh, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = services.document_request(kind=KIND)
    assert _read(document) == b"%PDF-1.7 v1"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.document_request(kind=KIND)
    assert callbacks == [] and fresh.calls == 1  # nothing changed: served as it is
    fresh.source = "v2"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        stale = services.document_request(kind=KIND)
        assert stale.step == "Les données ont changé depuis la dernière production"
    assert callbacks and _read(document) == b"%PDF-1.7 v2"  # queued, rendered, old file removed
    document.refresh_from_db()
    assert document.revision == 2 and document.is_up_to_date and document.fingerprint == fingerprint_of("v2")


def test_the_status_says_when_the_file_was_produced(
    fresh, client, staff_user, django_capture_on_commit_callbacks, time_machine
):
    time_machine.move_to("2026-03-12 14:30 +01:00", tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        document = services.document_request(kind=KIND)
    client.force_login(staff_user)
    html = client.get(reverse("core:document_status", args=[document.pk])).content.decode()
    assert "Fichier produit le jeudi 12 mars 2026 à 14\u00a0h\u00a030." in html
    state = client.get(reverse("core:document_status_json", args=[document.pk])).json()
    assert state["produced_label"] == "produit le jeudi 12 mars 2026 à 14\u00a0h\u00a030"


def test_a_document_whose_source_is_gone_is_a_404(fresh, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = services.document_request(kind=KIND)
    fresh.source = None
    for name in ("core:document_status", "core:document_status_json", "core:document_file"):
        assert client.get(reverse(name, args=[document.pk])).status_code == 404, name


def test_a_public_document_asked_for_the_first_time_waits_on_a_progress_page(client, db):
    make_version()
    response = client.get(reverse("charter:charter_pdf"))
    # The test's transaction holds the task back (as a busy worker would): a page follows it.
    assert response.status_code == 202
    assert "Le document est en cours de préparation" in response.content.decode()
    assert 'data-document-status="/documents/' in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_public_document_asked_for_the_first_time_is_served_when_tasks_run_in_process(client):
    """The first request of the cahier answered 503 after 3.5 s though the task had succeeded."""
    make_version()
    response = client.get(reverse("charter:charter_pdf"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert GeneratedDocument.objects.get(kind=charter_documents.CHARTER).status == "done"
