"""The one task that renders every kind of generated document."""

from __future__ import annotations

from celery import shared_task
from django.db import DatabaseError

from . import services
from .registry import TransientRenderError

MAX_RETRIES = 3
TRANSIENT_ERRORS = (TransientRenderError, DatabaseError, OSError)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=MAX_RETRIES)
def generate_document(self, *, document_id: int) -> str:
    """Run the renderer of one document. Transient errors are retried with a growing delay
    (at once when tasks run in-process: an error must never reach the request that queued it);
    after the last try, or on any other error, the document ends in *failed* with a message."""
    retries = self.request.retries
    while True:
        try:
            return services.document_run(document_id=document_id).status
        except TRANSIENT_ERRORS as exc:
            message = f"{type(exc).__name__} : {exc}"
            if retries >= MAX_RETRIES:
                return services.document_fail(
                    document_id=document_id, message=f"Échec après {MAX_RETRIES + 1} essais : {message}"
                ).status
            delay = 30 * 2**retries
            services.document_retry_later(document_id=document_id, message=message, delay_seconds=delay)
            if not self.request.is_eager:
                raise self.retry(exc=exc, countdown=delay) from exc
            retries += 1
