"""Tasks that see the whole portal."""

from __future__ import annotations

from celery import shared_task

from associations.structures.models import Association


@shared_task
def portal_health(token: str) -> dict:
    """What a worker sees of the portal: proves the broker, the worker and the database."""
    return {"token": token, "associations": Association.objects.count()}
