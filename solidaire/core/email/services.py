"""E-mails: rendered now (inside the request or service), sent by Celery after commit."""

from __future__ import annotations

import base64

from django.conf import settings
from django.template.loader import render_to_string

from .signals import email_ready


def email_send(
    *,
    template: str,
    context: dict,
    to: list[str] | None,
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> None:
    """Render `<template>_subject.txt` and `<template>.txt`, then have it sent once the
    transaction commits. `to=None` sends to the CCAS contact address (staff are told).
    `attachments` are `(filename, content, mimetype)` triples (e.g. an `.ics`)."""
    recipients = to if to else [settings.CCAS_CONTACT_EMAIL]
    context = {"PORTAL_NAME": settings.PORTAL_NAME, **context}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}.txt", context)
    extra = {}
    if attachments:
        # Base64 text: the task's arguments travel as JSON through the broker.
        extra["attachments"] = [
            (name, base64.b64encode(content).decode("ascii"), mimetype)
            for name, content, mimetype in attachments
        ]
    email_ready.send(sender=None, subject=subject, body=body, to=list(recipients), **extra)
