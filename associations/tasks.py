"""Celery tasks of the directory: thin, idempotent wrappers around services."""

from __future__ import annotations

from celery import shared_task


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def send_update_reminder(association_id: int) -> bool:
    """The yearly "merci de vérifier votre fiche" for one structure (skips if already sent)."""
    from .services_directory import update_reminder_send

    return update_reminder_send(association_id=association_id)


@shared_task
def refresh_opening_slots() -> int:
    """Weekly: rebuild the opening table, as date-dependent rules move with the calendar."""
    from .models import Association

    count = 0
    for association in Association.objects.exclude(opening_hours="").only("pk", "opening_hours"):
        association.rebuild_opening_slots()
        count += 1
    return count
