"""Celery tasks of the registrations."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task
def expire_registrations() -> dict:
    """Free the places of unconfirmed registrations and lapsed offers (beat, every 5 minutes)."""
    return services.registrations_expire()
