"""The charter's PDFs, rendered in the background and served from storage.

A document's `revision` goes up whenever its source changes (`document_invalidate`); a Celery
task renders it (`document_generate`) and records which revision the stored file comes from.
Pages serve the file only when it is up to date and never render on request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from solidaire.core import pdf

from .models import CharterDocument, DocumentKind, DocumentStatus

logger = logging.getLogger(__name__)

# A task queued longer ago than this is presumed lost (worker restarted): the next visit re-queues.
TASK_LOST_AFTER = dt.timedelta(minutes=10)
TEMPLATES = {DocumentKind.CHARTER: "pdf/charter.html", DocumentKind.SIGNATORIES: "pdf/signatories.html"}
FILENAMES = {
    DocumentKind.CHARTER: "charte-le-mans-solidaire",
    DocumentKind.SIGNATORIES: "signataires-charte-le-mans-solidaire",
}


def document_get(*, kind: str) -> CharterDocument:
    document, _ = CharterDocument.objects.get_or_create(kind=kind)
    return document


def _enqueue(kind: str) -> None:
    from .tasks import generate_document

    transaction.on_commit(lambda: generate_document.delay(kind=str(kind)))


@transaction.atomic
def document_invalidate(*, kind: str) -> CharterDocument:
    """The source of `kind` changed: bump its revision and render it again after commit."""
    document_get(kind=kind)
    document = CharterDocument.objects.select_for_update().get(kind=kind)
    document.revision += 1
    document.status = DocumentStatus.PENDING
    document.error = ""
    document.task_enqueued_at = timezone.now()
    document.save()
    _enqueue(kind)
    return document


@transaction.atomic
def document_request(*, kind: str) -> CharterDocument:
    """A visitor wants a document that is not ready: queue its rendering unless a task is
    already on it. A failed rendering stays failed (shown as such) until staff retry or the
    source changes: no endless retries."""
    document_get(kind=kind)
    document = CharterDocument.objects.select_for_update().get(kind=kind)
    if document.is_up_to_date or document.status == DocumentStatus.FAILED:
        return document
    now = timezone.now()
    if document.task_enqueued_at and now - document.task_enqueued_at < TASK_LOST_AFTER:
        return document
    document.status = DocumentStatus.PENDING
    document.task_enqueued_at = now
    document.save(update_fields=["status", "task_enqueued_at", "updated_at"])
    _enqueue(kind)
    return document


def _context(kind: str) -> tuple[dict, str]:
    """What the template needs, and a version label for the file's stamp."""
    from . import selectors

    version = selectors.version_with_content()
    if kind == DocumentKind.CHARTER:
        if version is None:
            raise LookupError("Aucune version de la charte n'est en vigueur.")
        return {"version": version}, f"v{version.number}"
    groups = selectors.signatories()
    return (
        {
            "version": version,
            "groups": groups,
            "signatory_count": sum(len(g.signatories) for g in groups),
            "generated_on": timezone.localdate(),
        },
        f"v{version.number}" if version else "v0",
    )


def document_generate(*, kind: str) -> CharterDocument:
    """Render `kind` to PDF and store it with a version/content stamp. Idempotent: returns at
    once when the stored file already matches the latest revision."""
    document = document_get(kind=kind)
    if document.is_up_to_date:
        return document
    revision = document.revision
    try:
        context, version_label = _context(kind)
        data = pdf.render_pdf(TEMPLATES[kind], context)
    except Exception as exc:
        logger.exception("PDF rendering failed for %s", kind)
        with transaction.atomic():
            document = CharterDocument.objects.select_for_update().get(pk=document.pk)
            if document.revision == revision:  # a newer change re-queued it: not a failure yet
                document.status = DocumentStatus.FAILED
                document.error = f"{type(exc).__name__} : {exc}"[:2000]
                document.task_enqueued_at = None
                document.save()
        return document
    stamp = f"{version_label}-{hashlib.sha256(data).hexdigest()[:12]}"
    with transaction.atomic():
        document = CharterDocument.objects.select_for_update().get(pk=document.pk)
        old_name = document.file.name if document.file else ""
        same_file = stamp == document.stamp and old_name and document.file.storage.exists(old_name)
        if not same_file:  # identical bytes already stored: keep that file
            document.file.save(f"{FILENAMES[kind]}-{stamp}.pdf", ContentFile(data), save=False)
        document.stamp = stamp
        document.rendered_revision = revision
        document.generated_at = timezone.now()
        document.error = ""
        if document.revision == revision:
            document.status = DocumentStatus.READY
            document.task_enqueued_at = None
        document.save()
        if old_name and old_name != document.file.name:
            storage, name = document.file.storage, old_name
            transaction.on_commit(lambda: storage.delete(name))
    return document


def download_name(document: CharterDocument) -> str:
    return f"{FILENAMES[document.kind]}-{document.stamp.split('-')[0]}.pdf"
