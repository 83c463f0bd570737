"""Portal-wide tasks."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email(*, subject: str, body: str, to: list[str]) -> int:
    """Send one already-rendered e-mail; retried on network errors."""
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)


@shared_task
def portal_health(token: str) -> dict:
    """What a worker sees of the portal: proves the broker, the worker and the database."""
    from associations.models import Association

    return {"token": token, "associations": Association.objects.count()}
