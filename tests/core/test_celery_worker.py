"""One task through Redis to a real Celery worker process, and its result back."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from celery import Celery
from django.db import connection

from solidaire.portal.tasks import portal_health
from tests import factories
from tests.conftest import require_service

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def _redis_url() -> str | None:
    # The local default lets a newcomer with a Redis running try it without any setting.
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except Exception:
        return None
    return url


def _database_url_for_worker() -> str:
    """The test database as a URL, so the worker reads what this test wrote."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    host = s.get("HOST") or "127.0.0.1"
    port = s.get("PORT") or 5432
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{host}:{port}/{s['NAME']}"


@pytest.fixture
def celery_worker_process():
    redis_url = _redis_url()
    require_service(redis_url is not None, "no Redis answers at REDIS_URL or redis://127.0.0.1:6379/0")
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "solidaire.settings.dev",
        "DEBUG": "false",
        "REDIS_URL": redis_url,
        "DATABASE_URL": _database_url_for_worker(),
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "solidaire",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "-Q",
            queue,
            "--loglevel=WARNING",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    # A client app of its own: the project's app stays eager for the rest of the suite.
    client = Celery("solidaire-test-client", broker=redis_url, backend=redis_url, set_as_current=False)
    try:
        yield client, queue
    finally:
        client.close()
        worker.terminate()
        try:
            output, _ = worker.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            output, _ = worker.communicate()
        if worker.returncode not in (0, -15, 15):
            print(output)


def test_task_runs_in_a_real_worker_through_redis(celery_worker_process):
    client, queue = celery_worker_process
    factories.AssociationFactory.create_batch(3)
    token = uuid.uuid4().hex
    started = time.monotonic()
    result = client.send_task(portal_health.name, args=[token], queue=queue)
    payload = result.get(timeout=60)
    assert payload == {"token": token, "associations": 3}
    # It really went through the broker: the worker recorded its state in the backend.
    assert result.state == "SUCCESS"
    assert time.monotonic() - started < 60
