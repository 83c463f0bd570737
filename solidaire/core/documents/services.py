"""Writes of the generated-documents machinery: ask for a document, run its renderer, record
the outcome. The rendering itself runs in a Celery task (`tasks.generate_document`), queued after
commit by `_queue` (`enqueue_after_commit`, by name: services never import tasks).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from solidaire.core.runtime.queue import enqueue_after_commit

from .models import DocumentStatus, GeneratedDocument, params_key
from .registry import Rendered, Renderer, TransientRenderError, get_renderer

logger = logging.getLogger(__name__)
GENERATE_TASK = "solidaire.core.documents.tasks.generate_document"

# A task queued or started longer ago than this is presumed lost (worker restarted while it was
# running): the next request queues it again.
TASK_LOST_AFTER = dt.timedelta(minutes=10)
ERROR_MAX_LENGTH = 2000


def _clean(kind: str, params: dict | None) -> tuple[Renderer, dict]:
    """The renderer of `kind` and its checked parameters (UnknownDocumentKind, ValidationError)."""
    renderer = get_renderer(kind)
    return renderer, renderer.clean_params(dict(params or {}))


def document_get(*, kind: str, params: dict | None = None) -> GeneratedDocument:
    """The row of one document (created, not queued, when it does not exist yet)."""
    renderer, params = _clean(kind, params)
    key = params_key(params)
    try:
        document, _ = GeneratedDocument.objects.get_or_create(
            kind=kind,
            params_key=key,
            defaults={
                "params": params,
                "storage_area": renderer.storage_area,
                "status": DocumentStatus.QUEUED,
            },
        )
    except IntegrityError:  # created meanwhile by a concurrent request
        document = GeneratedDocument.objects.get(kind=kind, params_key=key)
    return document


def _queue(document: GeneratedDocument, *, user=None, step: str = "En attente du traitement") -> None:
    now = timezone.now()
    document.status = DocumentStatus.QUEUED
    document.progress = 0
    document.step = step
    document.error = ""
    document.requested_at = now
    if user is not None and getattr(user, "is_authenticated", False):
        document.requested_by = user
    document.save()
    enqueue_after_commit(GENERATE_TASK, document_id=document.pk)


def _check_request(renderer: Renderer, user, params: dict) -> None:
    if user is not None and not renderer.can_request(user, params):
        raise PermissionDenied("Vous n'avez pas le droit de demander ce document.")


def _is_in_flight(document: GeneratedDocument) -> bool:
    """A task is already on it (and not presumed lost)."""
    if document.status not in (DocumentStatus.QUEUED, DocumentStatus.RUNNING):
        return False
    since = document.started_at if document.status == DocumentStatus.RUNNING else document.requested_at
    return since is not None and timezone.now() - since < TASK_LOST_AFTER


def document_is_stale(document: GeneratedDocument, renderer: Renderer | None = None) -> bool:
    """The stored file was drawn from data that has changed since (its renderer's fingerprint
    differs). One cheap query; ObjectDoesNotExist when the parameters no longer resolve."""
    renderer = renderer or get_renderer(document.kind)
    return document.has_file and renderer.fingerprint(document.params) != document.fingerprint


def document_is_current(document: GeneratedDocument, renderer: Renderer | None = None) -> bool:
    """Up to date and drawn from the data as it is now: may be served at once."""
    return document.is_up_to_date and not document_is_stale(document, renderer)


@transaction.atomic
def document_request(*, kind: str, params: dict | None = None, user=None) -> GeneratedDocument:
    """Someone wants the document: queue its rendering unless the stored file is current (up to
    date and drawn from the data as it is now) or a task is already on it. A file whose data
    changed is marked stale (a new revision) and produced again. A failed rendering stays failed
    (and says why) until it is asked for again with `document_invalidate` (staff retry, source
    changed): no endless retries."""
    renderer, params = _clean(kind, params)
    _check_request(renderer, user, params)
    document = GeneratedDocument.objects.select_for_update().get(pk=document_get(kind=kind, params=params).pk)
    if _is_in_flight(document):
        return document
    if document.is_up_to_date and document_is_stale(document, renderer):
        document.revision += 1
        _queue(document, user=user, step="Les données ont changé depuis la dernière production")
        return document
    if document.is_up_to_date or document.status == DocumentStatus.FAILED:
        return document
    _queue(document, user=user)
    return document


@transaction.atomic
def document_invalidate(
    *, kind: str, params: dict | None = None, user=None, reason: str = "En attente du traitement"
) -> GeneratedDocument:
    """The source changed, or staff ask for a fresh copy: render it again. The stored file stays
    (and is served where the kind allows it) until the new one is complete."""
    renderer, params = _clean(kind, params)
    _check_request(renderer, user, params)
    document = GeneratedDocument.objects.select_for_update().get(pk=document_get(kind=kind, params=params).pk)
    document.revision += 1
    _queue(document, user=user, step=reason)
    return document


def document_report_progress(*, document_id: int, percent: int, step: str) -> None:
    """Record how far a rendering is (read by the status page while it runs). Written at once,
    outside any transaction, so that polling sees it."""
    GeneratedDocument.objects.filter(pk=document_id).update(
        progress=max(0, min(100, int(percent))), step=step[:200], updated_at=timezone.now()
    )


def _start(document_id: int) -> tuple[GeneratedDocument, int] | None:
    with transaction.atomic():
        document = GeneratedDocument.objects.select_for_update().get(pk=document_id)
        if document.is_up_to_date:
            return None
        document.status = DocumentStatus.RUNNING
        document.started_at = timezone.now()
        document.attempts += 1
        document.progress = 0
        document.step = "Démarrage"
        document.error = ""
        document.save()
        return document, document.revision


def _store(
    document: GeneratedDocument, revision: int, rendered: Rendered, fingerprint: str
) -> GeneratedDocument:
    """Write the new file first, then point the row at it: the previous file is served until the
    row changes, and deleted only after that commit."""
    checksum = hashlib.sha256(rendered.content).hexdigest()
    storage = document.storage
    same_bytes = checksum == document.checksum and document.file_name and storage.exists(document.file_name)
    new_name = document.file_name
    if not same_bytes:
        safe_kind = document.kind.replace(".", "-")
        new_name = storage.save(
            f"documents/{safe_kind}/{document.pk}-{checksum[:12]}.pdf", ContentFile(rendered.content)
        )
    with transaction.atomic():
        current = GeneratedDocument.objects.select_for_update().get(pk=document.pk)
        old_name = current.file_name
        current.file_name = new_name
        current.checksum = checksum
        current.size = len(rendered.content)
        current.stamp = f"{rendered.stamp}-{checksum[:12]}" if rendered.stamp else checksum[:12]
        current.download_name = rendered.download_name
        current.rendered_revision = revision
        current.data_as_of = rendered.data_as_of or timezone.now()
        current.finished_at = current.produced_at = timezone.now()
        current.fingerprint = fingerprint
        current.error = ""
        if current.revision == revision:
            current.status = DocumentStatus.DONE
            current.progress = 100
            current.step = "Document prêt"
        # else: a newer request came in meanwhile and its task will run: stay queued.
        current.save()
        if old_name and old_name != new_name:
            transaction.on_commit(lambda: storage.delete(old_name))
    return current


def document_run(*, document_id: int) -> GeneratedDocument:
    """Render one document (called by the task). Idempotent: returns at once when the stored
    file is up to date. A renderer error ends in *failed* with a readable message; a transient
    error (TransientRenderError, database trouble) is raised for the task to retry."""
    started = _start(document_id)
    if started is None:
        return GeneratedDocument.objects.get(pk=document_id)
    document, revision = started
    renderer = get_renderer(document.kind)

    def progress(percent: int, step: str) -> None:
        document_report_progress(document_id=document.pk, percent=percent, step=step)

    try:
        # Taken before reading the data: a change made while rendering makes the file stale.
        fingerprint = renderer.fingerprint(document.params)
        rendered = renderer.render(document.params, progress)
    except TransientRenderError:
        raise
    except ValidationError as exc:  # the data cannot make this document (e.g. no validated sheet)
        return document_fail(document_id=document.pk, revision=revision, message=" ".join(exc.messages))
    except ObjectDoesNotExist:  # what the parameters named was deleted meanwhile
        return document_fail(
            document_id=document.pk, revision=revision, message="Les données de ce document n'existent plus."
        )
    except Exception as exc:
        logger.exception("Rendering failed for document %s (%s)", document.pk, document.kind)
        return document_fail(
            document_id=document.pk, revision=revision, message=f"{type(exc).__name__} : {exc}"
        )
    progress(95, "Enregistrement du fichier")
    return _store(document, revision, rendered, fingerprint)


@transaction.atomic
def document_fail(*, document_id: int, message: str, revision: int | None = None) -> GeneratedDocument:
    """End a rendering in *failed* with a readable message; the previous file stays served."""
    document = GeneratedDocument.objects.select_for_update().get(pk=document_id)
    if revision is None or document.revision == revision:  # else a newer request re-queued it
        document.status = DocumentStatus.FAILED
        document.error = message[:ERROR_MAX_LENGTH]
        document.step = "Échec de la production"
        document.finished_at = timezone.now()
        document.save()
    return document


def document_retry_later(*, document_id: int, message: str, delay_seconds: int) -> None:
    """A transient error: say so on the status page while the task waits to try again."""
    GeneratedDocument.objects.filter(pk=document_id).update(
        status=DocumentStatus.QUEUED,
        step=f"Incident passager, nouvel essai dans {delay_seconds} s",
        error=message[:ERROR_MAX_LENGTH],
        requested_at=timezone.now(),
        updated_at=timezone.now(),
    )
