"""Celery tasks of the directory: thin, idempotent wrappers around services.

Their names stay those of the former `associations.tasks` module (the beat schedule and any
message already queued use them); `associations.apps` imports this module so workers register them.
"""

from __future__ import annotations

from celery import shared_task

from associations.structures.services import opening_slots_refresh

from .services import update_reminder_send


@shared_task(
    name="associations.tasks.send_update_reminder",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
)
def send_update_reminder(association_id: int) -> bool:
    """The yearly "merci de vérifier votre fiche" for one structure (skips if already sent)."""
    return update_reminder_send(association_id=association_id)


@shared_task(name="associations.tasks.refresh_opening_slots")
def refresh_opening_slots() -> int:
    """Weekly: rebuild the opening table, as date-dependent rules move with the calendar."""
    return opening_slots_refresh()
