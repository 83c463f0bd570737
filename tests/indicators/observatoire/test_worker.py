"""A real annual report produced by a real Celery worker process, through Redis."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicators.observatoire import documents
from solidaire.core.documents import services as document_services
from solidaire.core.documents.models import DocumentStatus
from solidaire.core.documents.tasks import generate_document
from tests.core.worker import running_worker

from .network import campaigns, structures, validated_sheets
from .test_annual_report import pdf_pages

ROOT = Path(__file__).resolve().parents[3]
pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("pdf_tools"),
]


@pytest.fixture
def worker(settings):
    extra = {"MEDIA_ROOT": settings.MEDIA_ROOT, "PRIVATE_MEDIA_ROOT": settings.PRIVATE_MEDIA_ROOT}
    with running_worker(queue_prefix="test-observatoire", extra_env=extra) as (client, queue):
        yield client, queue


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
