"""A Redis cache that fails open: when Redis is down, the portal keeps answering.

Everything the portal keeps in its cache can be rebuilt (directory pages, footer links) or
may be lost for a while (rate-limit counters: limits are not enforced while Redis is away,
which beats turning every page into an error). After a failure the cache is skipped for
RETRY_AFTER seconds, so pages do not each wait for a connection that cannot be made.
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
RETRY_AFTER = 5.0


class FailOpenRedisCache(RedisCache):
    _down_until = 0.0

    def _guard(self, call, fallback):
        if time.monotonic() < type(self)._down_until:
            return fallback()
        try:
            return call()
        except (RedisError, OSError):
            type(self)._down_until = time.monotonic() + RETRY_AFTER
            logger.warning("Cache unavailable: serving without it for %s s", RETRY_AFTER, exc_info=True)
            return fallback()

    def get(self, key, default=None, version=None):
        parent = super()
        return self._guard(lambda: parent.get(key, default, version), lambda: default)

    def get_many(self, keys, version=None):
        parent = super()
        return self._guard(lambda: parent.get_many(keys, version), dict)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        parent = super()
        return self._guard(lambda: parent.set(key, value, timeout, version), lambda: None)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        parent = super()
        return self._guard(lambda: parent.set_many(data, timeout, version), lambda: list(data))

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        parent = super()
        # As if added: callers use add() as a lock (allauth's rate limits, the outbox flush),
        # and a lock that can never be taken would refuse every login while Redis is down.
        return self._guard(lambda: parent.add(key, value, timeout, version), lambda: True)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        parent = super()
        return self._guard(lambda: parent.touch(key, timeout, version), lambda: False)

    def delete(self, key, version=None):
        parent = super()
        return self._guard(lambda: parent.delete(key, version), lambda: False)

    def delete_many(self, keys, version=None):
        parent = super()
        return self._guard(lambda: parent.delete_many(keys, version), lambda: None)

    def has_key(self, key, version=None):
        parent = super()
        return self._guard(lambda: parent.has_key(key, version), lambda: False)

    def incr(self, key, delta=1, version=None):
        parent = super()

        def missing():
            # As for a key that expired: the caller starts counting again.
            raise ValueError(f"Key '{key}' not found (cache unavailable).")

        return self._guard(lambda: parent.incr(key, delta, version), missing)

    def clear(self):
        parent = super()
        return self._guard(parent.clear, lambda: None)
