"""Rendered results cached under a version that writes move on.

A busy list page (the directory, the agenda) caches its rendered results per query string under
a namespace's version; signal receivers bump the version on every write, so a change shows on
the next request and old entries simply stop being read. Each feature keeps one
`VersionedCache` and connects its own models' signals to `bump_after_write`.
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone


class VersionedCache:
    def __init__(self, namespace: str) -> None:
        self.namespace = namespace
        self.version_key = f"{namespace}:version"

    def version(self) -> int:
        """The current version. A new one is never a version seen before (nanoseconds), so a
        copy kept in a process's memory under an old version (the directory index) is never
        taken for current after the cache was emptied."""
        version = cache.get(self.version_key)
        if version is None:
            cache.add(self.version_key, time.time_ns(), None)
            version = cache.get(self.version_key)
            if version is None:
                # The cache keeps nothing (Redis down, failing open): one version a minute, so
                # such copies are rebuilt at most once a minute rather than on every request.
                version = int(time.time() // 60)
        return version

    def bump(self) -> None:
        try:
            cache.incr(self.version_key)
        except ValueError:  # not set yet (or evicted): any new value invalidates the old keys
            cache.set(self.version_key, time.time_ns(), None)

    def bump_after_write(self, **kwargs) -> None:
        """A signal receiver: move on now and again once the write commits. The signal fires
        before the commit, so a page computed meanwhile would store the old rows under the new
        version; the second bump drops it."""
        self.bump()
        transaction.on_commit(self.bump, using=kwargs.get("using"))

    def results_key(self, params, *, per_minute: bool = True) -> str:
        """The key of one page of results: every parameter (the cached HTML repeats them all in
        its links) and, with `per_minute`, the current minute (« ouvert maintenant », « à venir »
        move with the clock)."""
        items = sorted((k, v) for k in params for v in params.getlist(k))
        if per_minute:
            items.append(("_minute", timezone.localtime().strftime("%Y%m%d%H%M")))
        digest = hashlib.sha256(repr(items).encode()).hexdigest()[:32]
        return f"{self.namespace}:results:{self.version()}:{digest}"
