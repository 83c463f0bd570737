"""A real annual report produced by a real Celery worker process, through Redis."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from celery import Celery
from django.conf import settings

from indicators.observatoire import documents
from solidaire.core.documents import services as document_services
from solidaire.core.documents.models import DocumentStatus
from solidaire.core.documents.tasks import generate_document
from tests.conftest import require_service
from tests.core.test_celery_worker import _database_url_for_worker

from .network import campaigns, structures, validated_sheets
from .test_annual_report import _needs_pdf_tools, pdf_pages  # noqa: F401 - the autouse fixture

ROOT = Path(__file__).resolve().parents[3]
pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def _redis_url() -> str | None:
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/10"
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except Exception:
        return None
    return url


@pytest.fixture
def worker():
    redis_url = _redis_url()
    require_service(redis_url is not None, "no Redis answers at REDIS_URL or redis://127.0.0.1:6379/10")
    queue = f"test-observatoire-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "solidaire.settings.dev",
        "DEBUG": "false",
        "REDIS_URL": redis_url,
        "DATABASE_URL": _database_url_for_worker(),
        "MEDIA_ROOT": settings.MEDIA_ROOT,
        "PRIVATE_MEDIA_ROOT": settings.PRIVATE_MEDIA_ROOT,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "solidaire", "worker", "--pool=solo", "-Q", queue]
        + ["--loglevel=WARNING", "--without-heartbeat", "--without-gossip", "--without-mingle"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    client = Celery("solidaire-test-client", broker=redis_url, backend=redis_url, set_as_current=False)
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


def test_the_annual_report_is_rendered_by_a_real_worker(worker, tmp_path):
    client, queue = worker
    (_, c2025), indicators = campaigns()
    validated_sheets(structures(4, prefix="w"), c2025, indicators, lambda i, a: {"personnes": 1000 + i})
    # The row only: the worker, not this process, renders it.
    document = document_services.document_get(kind=documents.ANNUAL, params={"year": 2025})
    result = client.send_task(generate_document.name, kwargs={"document_id": document.pk}, queue=queue)
    assert result.get(timeout=180) == DocumentStatus.DONE
    document.refresh_from_db()
    assert (document.status, document.progress, document.step) == (DocumentStatus.DONE, 100, "Document prêt")
    with document.storage.open(document.file_name, "rb") as handle:
        data = handle.read()
    assert data.startswith(b"%PDF")
    text = " ".join(pdf_pages(data, tmp_path))
    assert "Personnes accueillies personnes 4 006" in text  # 1000 + 1001 + 1002 + 1003
