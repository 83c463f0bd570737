"""Redis down while pages are served: pages still answer (the cache fails open), and the cache
is used again once Redis is back."""

from __future__ import annotations

import pytest
from django.core.cache import caches

from solidaire.core.security import cache as failopen
from solidaire.settings.base import redis_cache
from tests import factories

pytestmark = pytest.mark.django_db

PAGES = ["/", "/annuaire/", "/benevolat/", "/charte/", "/evenements/", "/healthz"]


@pytest.fixture
def redis_backed_cache(settings, throwaway_redis, monkeypatch):
    settings.CACHES = {"default": redis_cache(throwaway_redis.url)}
    monkeypatch.setattr(failopen, "RETRY_AFTER", 0.0)
    failopen.FailOpenRedisCache._down_until = 0.0
    caches["default"].clear()
    yield throwaway_redis
    caches["default"].close()


def test_pages_answer_while_redis_is_down_then_use_it_again(client, redis_backed_cache):
    factories.AssociationFactory()
    statuses = {url: client.get(url).status_code for url in PAGES}
    assert set(statuses.values()) == {200}, statuses
    assert caches["default"].get("probe") is None
    caches["default"].set("probe", "up")
    assert caches["default"].get("probe") == "up"

    redis_backed_cache.stop()
    down = {url: client.get(url).status_code for url in PAGES}
    assert set(down.values()) == {200}, down
    # Forms that count attempts (rate limits) still work: counting starts again.
    assert client.post("/comptes/login/", {"login": "x@example.org", "password": "faux"}).status_code == 200
    assert caches["default"].get("probe", "default") == "default"

    redis_backed_cache.start()
    caches["default"].set("probe", "back")
    assert caches["default"].get("probe") == "back"
    assert client.get("/annuaire/").status_code == 200
