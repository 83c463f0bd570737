"""A real Celery worker process for the tests that prove the broker path (core and observatoire)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

from celery import Celery
from django.db import connection

from tests.conftest import require_service

ROOT = Path(__file__).resolve().parents[2]
LOCAL_REDIS = "redis://127.0.0.1:6379/0"


def redis_url() -> str | None:
    """REDIS_URL, or a local Redis (a newcomer with one running can try it without any setting),
    when it answers."""
    url = os.environ.get("REDIS_URL") or LOCAL_REDIS
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except Exception:
        return None
    return url


def database_url_for_worker() -> str:
    """The test database as a URL, so the worker reads what this test wrote."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    host = s.get("HOST") or "127.0.0.1"
    port = s.get("PORT") or 5432
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{host}:{port}/{s['NAME']}"


@contextlib.contextmanager
def running_worker(
    *, queue_prefix: str = "test", extra_env: dict | None = None
) -> Iterator[tuple[Celery, str]]:
    """Start `celery -A solidaire worker` on a queue of its own; yield a client app (never the
    current app: the project's app stays eager for the rest of the suite) and the queue."""
    url = redis_url()
    require_service(url is not None, f"no Redis answers at REDIS_URL or {LOCAL_REDIS}")
    queue = f"{queue_prefix}-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "solidaire.settings.dev",
        "DEBUG": "false",
        "REDIS_URL": url,
        "DATABASE_URL": database_url_for_worker(),
        **(extra_env or {}),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "solidaire", "worker", "--pool=solo", "--concurrency=1"]
        + ["-Q", queue, "--loglevel=WARNING", "--without-heartbeat", "--without-gossip", "--without-mingle"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    client = Celery("solidaire-test-client", broker=url, backend=url, set_as_current=False)
    try:
        yield client, queue
    finally:
        client.close()
        process.terminate()
        try:
            output, _ = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
        if process.returncode not in (0, -15, 15):
            print(output)
