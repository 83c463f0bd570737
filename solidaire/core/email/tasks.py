"""Sending the outbox."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage

from .services import email_queue_message, outbox_flush

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


@shared_task(ignore_result=True)
def send_email(*, subject: str, body: str, to: list[str]) -> None:
    """Tasks queued by the portal before the outbox existed (same name and arguments): the
    e-mail joins the outbox, so an upgrade with mails still in the broker loses none."""
    email_queue_message(message=EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to))
    outbox_flush()
