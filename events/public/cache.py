"""A cache for the agenda's list and month view: the rendered results (filter form, cards,
month grid, pagination) per query string, under an "events version" that any write to series,
editions, stages, photos or participations bumps (`receivers.py`), so a change shows on the next
request. The key also holds the current minute: "to come" moves with the clock. A structure's
new name (in the structure filter) shows within TTL: the directory's writes are left alone."""

from __future__ import annotations

from solidaire.core.cache import VersionedCache

TTL = 5 * 60
EVENTS = VersionedCache("events")

events_version = EVENTS.version
version_bump = EVENTS.bump
bump_events_version = EVENTS.bump_after_write
results_key = EVENTS.results_key
