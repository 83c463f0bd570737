"""Writes behind the public pages: keeping each edition's stored VEVENT up to date."""

from __future__ import annotations

from django.db import transaction

from ..calendar.models import Edition
from .feeds import vevent, vevent_fingerprint


def edition_vevents_refresh(*, rows: list[dict]) -> list[str]:
    """The VEVENT of each feed row (`selectors.feed_rows`), rewriting the stored ones whose
    fingerprint changed (an edit, a change of its series, a new site address): one query to load
    the stale editions and one UPDATE per 500, without touching `updated_at` (the event itself
    did not change). Rows whose VEVENT is current cost nothing."""
    stale = {}
    for row in rows:
        fingerprint = vevent_fingerprint(
            sequence=row["sequence"],
            updated_at=row["updated_at"],
            series_updated_at=row["series__updated_at"],
        )
        if row["ics_fingerprint"] != fingerprint or not row["ics_vevent"]:
            stale[row["pk"]] = (row, fingerprint)
    if stale:
        editions = list(Edition.objects.select_related("series").filter(pk__in=stale))
        for edition in editions:
            row, fingerprint = stale[edition.pk]
            row["ics_vevent"] = edition.ics_vevent = vevent(edition)
            row["ics_fingerprint"] = edition.ics_fingerprint = fingerprint
        with transaction.atomic():
            Edition.objects.bulk_update(editions, ["ics_vevent", "ics_fingerprint"], batch_size=500)
    return [row["ics_vevent"] for row in rows]
