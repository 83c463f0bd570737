"""Celery tasks of the charter: thin wrappers around services."""

from __future__ import annotations

from celery import shared_task

from . import documents


@shared_task(acks_late=True)
def generate_document(*, kind: str) -> str:
    """Render one of the charter's PDFs if its stored file is out of date (idempotent)."""
    return documents.document_generate(kind=kind).status
