"""The shared generated-documents machinery: queue, progress, failure, replacement, permissions."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from solidaire.core.documents import services
from solidaire.core.documents.models import GeneratedDocument
from solidaire.core.documents.registry import UnknownDocumentKind
from tests.core.documents.renderers import KIND

pytestmark = pytest.mark.django_db


def _produce(capture, user, year=2025, **kwargs):
    with capture(execute=True):
        return services.document_invalidate(kind=KIND, params={"year": year}, user=user, **kwargs)


def _read(document: GeneratedDocument) -> bytes:
    document.refresh_from_db()
    with document.storage.open(document.file_name, "rb") as handle:
        return handle.read()


def test_a_document_is_rendered_after_commit_with_progress_and_metadata(
    note_renderer, staff_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        document = services.document_invalidate(kind=KIND, params={"year": "2025"}, user=staff_user)
    assert document.status == "queued" and document.params == {"year": 2025}
    assert len(callbacks) == 1 and note_renderer.calls == 0  # nothing rendered inside the request
    callbacks[0]()
    document.refresh_from_db()
    assert document.status == "done" and document.progress == 100
    assert document.requested_by == staff_user and document.finished_at and document.data_as_of
    assert len(document.checksum) == 64 and document.size == len(_read(document))
    assert _read(document) == b"%PDF-1.7 note 2025 #1"


def test_same_parameters_reuse_one_row_and_replace_the_file_only_when_complete(
    note_renderer, staff_user, django_capture_on_commit_callbacks, tmp_path
):
    first = _produce(django_capture_on_commit_callbacks, staff_user)
    first.refresh_from_db()
    old_name = first.file_name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.document_invalidate(kind=KIND, params={"year": 2025}, user=staff_user)
    # Regeneration asked, not yet run: the previous file is still there and still served.
    assert first.storage.exists(old_name)
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    second = GeneratedDocument.objects.get(kind=KIND)
    assert GeneratedDocument.objects.filter(kind=KIND).count() == 1
    assert _read(second) == b"%PDF-1.7 note 2025 #2"
    assert not second.storage.exists(old_name)  # the old file went once the new one was stored


def test_a_renderer_that_raises_ends_failed_and_the_previous_file_is_still_served(
    note_renderer, staff_user, client, django_capture_on_commit_callbacks
):
    document = _produce(django_capture_on_commit_callbacks, staff_user)
    note_renderer.behaviour = "raise"
    _produce(django_capture_on_commit_callbacks, staff_user)
    document.refresh_from_db()
    assert document.status == "failed"
    assert "le moteur de rendu a cassé" in document.error
    client.force_login(staff_user)
    status = client.get(reverse("core:document_status_json", args=[document.pk])).json()
    assert status["finished"] and status["status_label"] == "Échec" and "cassé" in status["error"]
    response = client.get(reverse("core:document_file", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 note 2025 #1"


def test_transient_errors_are_retried_then_fail_with_a_message(
    note_renderer, staff_user, django_capture_on_commit_callbacks
):
    note_renderer.behaviour = "transient"
    document = _produce(django_capture_on_commit_callbacks, staff_user)
    document.refresh_from_db()
    assert note_renderer.calls == 4  # the first try and three retries
    assert document.status == "failed"
    assert document.error.startswith("Échec après 4 essais")
    assert document.attempts == 4


def test_a_failure_is_not_retried_forever_by_visits(
    note_renderer, staff_user, django_capture_on_commit_callbacks
):
    note_renderer.behaviour = "raise"
    _produce(django_capture_on_commit_callbacks, staff_user)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.document_request(kind=KIND, params={"year": 2025}, user=staff_user)
    assert callbacks == [] and note_renderer.calls == 1


def test_unknown_kind_and_tampered_parameters_are_refused(note_renderer, staff_user):
    with pytest.raises(UnknownDocumentKind):
        services.document_request(kind="observatoire.inconnu", params={}, user=staff_user)
    with pytest.raises(ValidationError, match="L'année doit être un nombre"):
        services.document_request(kind=KIND, params={"year": "2025; DROP"}, user=staff_user)
    with pytest.raises(ValidationError, match="comprise entre 2000 et 2100"):
        services.document_request(kind=KIND, params={"year": 1}, user=staff_user)
    assert not GeneratedDocument.objects.exists()


def test_someone_without_the_kinds_permission_cannot_ask_see_or_download(
    note_renderer, staff_user, user, client, django_capture_on_commit_callbacks
):
    with pytest.raises(PermissionDenied):
        services.document_request(kind=KIND, params={"year": 2025}, user=user)
    document = _produce(django_capture_on_commit_callbacks, staff_user)
    client.force_login(user)
    for name in ("core:document_status", "core:document_status_json", "core:document_file"):
        assert client.get(reverse(name, args=[document.pk])).status_code == 403
    client.logout()
    response = client.get(reverse("core:document_file", args=[document.pk]))
    assert response.status_code == 302 and response.url.startswith("/comptes/login/")
    client.force_login(staff_user)
    assert client.get(reverse("core:document_status", args=[document.pk + 999])).status_code == 404


def test_unknown_kind_in_the_database_is_a_404_not_a_500(staff_user, client):
    document = GeneratedDocument.objects.create(kind="disparu", params={}, status="failed")
    client.force_login(staff_user)
    response = client.get(reverse("core:document_status", args=[document.pk]))
    assert response.status_code == 404


def test_status_page_shows_a_progress_bar_and_a_refresh_link_without_javascript(
    note_renderer, staff_user, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        document = services.document_invalidate(kind=KIND, params={"year": 2025}, user=staff_user)
    services.document_report_progress(document_id=document.pk, percent=40, step="Calcul des totaux")
    client.force_login(staff_user)
    html = client.get(reverse("core:document_status", args=[document.pk])).content.decode()
    assert '<progress id="document-progress-' in html and 'value="40"' in html
    assert "Calcul des totaux" in html
    assert "Actualiser l'état" in html
    assert "js/document-status.js" in html  # an external script: allowed by the CSP
    state = client.get(reverse("core:document_status_json", args=[document.pk])).json()
    assert (state["status"], state["progress"], state["step"]) == ("queued", 40, "Calcul des totaux")
    assert state["download_url"] == ""
