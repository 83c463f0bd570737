"""Celery task of the congress's personal data."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task
def anonymise_registrations() -> int:
    """Anonymise the registrations of editions past their retention period (beat, daily)."""
    return services.registrations_anonymise_due()
