"""One task through Redis to a real Celery worker process, and its result back."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest

from portal.tasks import portal_health
from tests import factories
from tests.core.worker import running_worker

ROOT = Path(__file__).resolve().parents[3]
pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def celery_worker_process():
    with running_worker() as (client, queue):
        yield client, queue


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
