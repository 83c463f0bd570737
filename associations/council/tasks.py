"""Celery task of the users' council requests; `associations.apps` imports it so workers register it."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task
def purge_council_requests() -> int:
    """Delete the requests older than the retention period stated on the form (beat, daily)."""
    return services.council_requests_purge()
