"""The worker stopped while e-mails and documents are queued: nothing is lost. The user saw
success, the broker kept the tasks (even across its own restart: append-only file), and a
worker started later processes them."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from celery import Celery
from post_office.models import STATUS, Email

from charter.documents import SIGNATORIES
from solidaire.core.documents.models import GeneratedDocument
from solidaire.core.documents.services import document_request
from solidaire.core.runtime import queue as work_queue
from tests.associations.factories import VolunteerMissionFactory
from tests.associations.volunteering.test_volunteering import interest_data
from tests.core.worker import database_url_for_worker
from tests.factories import AssociationFactory

ROOT = Path(__file__).resolve().parents[3]
pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def _start_worker(broker_url: str, queue: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "solidaire.settings.dev",
        "DEBUG": "false",
        "REDIS_URL": broker_url,
        "DATABASE_URL": database_url_for_worker(),
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "solidaire", "worker", "--pool=solo", "-Q", queue]
        + ["--loglevel=WARNING", "--without-heartbeat", "--without-gossip", "--without-mingle"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_nothing_is_lost_while_the_worker_is_stopped(client, throwaway_redis, monkeypatch):
    throwaway_redis.stop()
    throwaway_redis.start(appendonly=True)  # the production broker's persistence
    broker = Celery("solidaire-test-producer", broker=throwaway_redis.url, set_as_current=False)
    queue = f"test-{uuid.uuid4().hex[:8]}"
    # The project's app runs tasks eagerly in tests: send what services enqueue to the broker.
    monkeypatch.setattr(
        work_queue,
        "dispatch",
        lambda name, kwargs: broker.send_task(name, kwargs=kwargs, queue=queue),
    )

    # No worker: the volunteer still sees success, the e-mail and the document wait.
    mission = VolunteerMissionFactory(association=AssociationFactory(name="Épicerie", email="c@epicerie.fr"))
    response = client.post(mission.get_absolute_url(), interest_data(), follow=True)
    assert "votre proposition a bien été envoyée" in response.content.decode()
    document = document_request(kind=SIGNATORIES)
    # The structure's notification and the volunteer's acknowledgement wait in the outbox.
    assert list(Email.objects.values_list("status", flat=True)) == [STATUS.queued, STATUS.queued]
    assert GeneratedDocument.objects.get(pk=document.pk).status == "queued"

    # The broker restarts while the worker is still away: the queued tasks survive.
    throwaway_redis.stop()
    throwaway_redis.start(appendonly=True)

    worker = _start_worker(throwaway_redis.url, queue)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            email_done = not Email.objects.exclude(status=STATUS.sent).exists()
            document_done = GeneratedDocument.objects.get(pk=document.pk).status in {"done", "failed"}
            if email_done and document_done:
                break
            assert worker.poll() is None, worker.communicate()[0]
            time.sleep(0.5)
    finally:
        worker.terminate()
        output = worker.communicate(timeout=30)[0]
        broker.close()
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.sent}, output
    finished = GeneratedDocument.objects.get(pk=document.pk)
    assert finished.status == "done", (finished.status, finished.error, output)
