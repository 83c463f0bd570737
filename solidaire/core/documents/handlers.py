"""Whoever asks for a document gets its task queued once the asking transaction commits.
Connected in CoreConfig.ready()."""

from __future__ import annotations

from django.db import transaction
from django.dispatch import receiver

from .signals import document_queued
from .tasks import generate_document


@receiver(document_queued, dispatch_uid="core_documents_enqueue")
def enqueue_rendering(sender, document_id: int, **kwargs) -> None:
    transaction.on_commit(lambda: generate_document.delay(document_id=document_id))
