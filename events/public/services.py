"""Writes behind the public pages: keeping each edition's stored VEVENT up to date."""

from __future__ import annotations

from django.db import transaction

from ..calendar.models import Edition
from .feeds import vevent, vevent_fingerprint


def edition_vevents_refresh(*, editions: list[Edition]) -> int:
    """Rewrite the stored VEVENT of the editions whose fingerprint changed (an edit, a change of
    series, a new site address) and set it on the given objects. One UPDATE per batch, without
    touching `updated_at` (the event itself did not change). Returns how many were rewritten."""
    stale = []
    for edition in editions:
        fingerprint = vevent_fingerprint(edition)
        if edition.ics_fingerprint != fingerprint or not edition.ics_vevent:
            edition.ics_vevent = vevent(edition)
            edition.ics_fingerprint = fingerprint
            stale.append(edition)
    if stale:
        with transaction.atomic():
            Edition.objects.bulk_update(stale, ["ics_vevent", "ics_fingerprint"], batch_size=500)
    return len(stale)
