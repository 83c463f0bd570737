"""Sending e-mails."""

from __future__ import annotations

import base64

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage, send_mail


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email(*, subject: str, body: str, to: list[str], attachments: list | None = None) -> int:
    """Send one already-rendered e-mail; retried on network errors. `attachments` are
    `(filename, base64 text, mimetype)` triples."""
    if not attachments:
        return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    for name, content, mimetype in attachments:
        message.attach(name, base64.b64decode(content), mimetype)
    return message.send()
