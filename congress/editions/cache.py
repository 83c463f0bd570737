"""The programme as the registration form offers it (days, workshop slots, lunches), cached per
edition under a "programme version" that any write to a day or a session moves on
(`receivers.py`), so that a change shows on the next request. The places taken are not part of
it: they change with every registration (and would move the version on each time), so the form
reads them, fresh, only when it shows them (`FormChoices.places_left`)."""

from __future__ import annotations

from solidaire.core.cache import VersionedCache

TTL = 60 * 60
PROGRAMME = VersionedCache("congress-programme")

# The writes that only move a counter of places (capacity.py, under its locks).
COUNTER_FIELDS = frozenset({"places_taken", "updated_at"})


def programme_key(edition_id: int) -> str:
    return f"{PROGRAMME.namespace}:{PROGRAMME.version()}:{edition_id}"


def bump_programme_version(*, update_fields=None, **kwargs) -> None:
    """A receiver of the days' and sessions' writes; a counter's update changes no programme."""
    if update_fields and frozenset(update_fields) <= COUNTER_FIELDS:
        return
    PROGRAMME.bump_after_write(**kwargs)
