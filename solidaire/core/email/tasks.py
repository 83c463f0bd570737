"""Sending e-mails."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email(*, subject: str, body: str, to: list[str]) -> int:
    """Send one already-rendered e-mail; retried on network errors."""
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
