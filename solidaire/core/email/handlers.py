"""A rendered e-mail is queued for the worker once the transaction that caused it commits.
Connected in CoreConfig.ready()."""

from __future__ import annotations

from django.db import transaction
from django.dispatch import receiver

from .signals import email_ready
from .tasks import send_email


@receiver(email_ready, dispatch_uid="core_email_enqueue")
def enqueue_email(sender, subject: str, body: str, to: list[str], attachments=None, **kwargs) -> None:
    extra = {"attachments": attachments} if attachments else {}
    transaction.on_commit(lambda: send_email.delay(subject=subject, body=body, to=to, **extra))
