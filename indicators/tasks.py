"""Celery tasks of the indicators: thin wrappers around services."""

from __future__ import annotations

from celery import shared_task


@shared_task
def send_due_reminders() -> int:
    """Daily (beat): reminders 14 and 3 days before a campaign closes. Idempotent: the
    service records each reminder and never sends the same one twice."""
    from .services_reminders import reminders_send_due

    return reminders_send_due()
