"""Sending the outbox."""

from __future__ import annotations

from celery import shared_task
from django.core.cache import cache

from .services import outbox_flush

# One flush at a time across workers (a flush that runs while another sends could pick the
# same e-mails); the lock expires on its own if a worker dies mid-flush.
FLUSH_LOCK = "core:email:outbox-flush"
FLUSH_LOCK_SECONDS = 10 * 60


@shared_task(ignore_result=True)
def flush_outbox() -> None:
    """Send the due e-mails of the outbox (after a commit, and periodically for retries)."""
    if not cache.add(FLUSH_LOCK, 1, FLUSH_LOCK_SECONDS):
        return
    try:
        outbox_flush()
    finally:
        cache.delete(FLUSH_LOCK)
