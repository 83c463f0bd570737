"""Celery tasks of the reminders: thin wrappers around services.

Each task keeps the dotted name it had before the feature folders (`indicators.tasks.…`), so the
beat schedule and any message already queued keep finding it. `IndicatorsConfig.ready()` imports
this module: Celery's autodiscovery only looks for `indicators.tasks`.
"""

from __future__ import annotations

from celery import shared_task

from .services import reminders_send_due


@shared_task(name="indicators.tasks.send_due_reminders")
def send_due_reminders() -> int:
    """Daily (beat): reminders 14 and 3 days before a campaign closes. Idempotent: the
    service records each reminder and never sends the same one twice."""
    return reminders_send_due()
