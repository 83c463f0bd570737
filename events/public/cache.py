"""A cache for the agenda's list and month view: the rendered results (filter form, cards,
month grid, pagination) per query string, under an "events version" that any write to series,
editions, stages, photos or participations bumps (signals below), so a change shows on the next
request. The key also holds the current minute: "to come" moves with the clock. A structure's
new name (in the structure filter) shows within TTL: the directory's writes are left alone."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from solidaire.core.cache import VersionedCache

TTL = 5 * 60
EVENTS = VersionedCache("events")

events_version = EVENTS.version
version_bump = EVENTS.bump
bump_events_version = EVENTS.bump_after_write
results_key = EVENTS.results_key


def connect_signals() -> None:
    """Called once the models are loaded (EventsConfig.ready)."""
    from ..calendar.models import Edition, EditionPhoto, EventSeries, Stage
    from ..participation.models import Participation

    for model in (EventSeries, Edition, Stage, EditionPhoto, Participation):
        post_save.connect(
            bump_events_version, sender=model, dispatch_uid=f"events-cache-save-{model.__name__}"
        )
        post_delete.connect(
            bump_events_version, sender=model, dispatch_uid=f"events-cache-delete-{model.__name__}"
        )
    for through in (Edition.organisers.through, EventSeries.organisers.through):
        m2m_changed.connect(
            bump_events_version, sender=through, dispatch_uid=f"events-cache-{through.__name__}"
        )
