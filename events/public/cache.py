"""A cache for the agenda's list and month view: the rendered results (filter form, cards,
month grid, pagination) per query string, under an "events version" that any write to series,
editions, stages, photos or participations bumps (signals below), so a change shows on the next
request. The key also holds the current minute: "to come" moves with the clock. A structure's
new name (in the structure filter) shows within TTL: the directory's writes are left alone."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

VERSION_KEY = "events:version"
TTL = 5 * 60


def events_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = int(timezone.now().timestamp())
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def version_bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or evicted): any new value invalidates the old keys
        cache.set(VERSION_KEY, int(timezone.now().timestamp() * 1000), None)


def bump_events_version(**kwargs) -> None:
    version_bump()
    # The signal fires before the write commits: a page computed meanwhile would store the old
    # rows under the new version. Moving on again once the write is visible drops it.
    transaction.on_commit(version_bump, using=kwargs.get("using"))


def results_key(params) -> str:
    items = sorted((k, v) for k in params for v in params.getlist(k))
    items.append(("_minute", timezone.localtime().strftime("%Y%m%d%H%M")))
    digest = hashlib.sha256(repr(items).encode()).hexdigest()[:32]
    return f"events:results:{events_version()}:{digest}"


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
