"""The activity report: parsed as a PDF beyond its first bytes; a replaced one leaves the storage."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from indicators.sheets.models import Sheet
from tests.indicators.conftest import post_data
from tests.indicators.factories import pdf_bytes

from .test_sheet import GOOD, text, url

pytestmark = pytest.mark.django_db


def test_a_replaced_activity_report_leaves_the_storage(
    client, association, member, indicators, settings, django_capture_on_commit_callbacks
):
    client.force_login(member)
    for version in (1, 2):
        data = post_data(indicators, version=version, **GOOD)
        data["activity_report"] = SimpleUploadedFile(
            "r.pdf", pdf_bytes(version), content_type="application/pdf"
        )
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(url(association), data).status_code == 302
    sheet = Sheet.objects.get(association=association)
    assert list(Path(settings.PRIVATE_MEDIA_ROOT).rglob("*.pdf")) == [Path(sheet.activity_report.path)]


def _encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("secret")
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.4\n" + b"\x00garbage" * 200, "illisible ou endommagé"),
        (pdf_bytes()[:300], "illisible ou endommagé"),  # cut short: no page tree, no xref
        (_encrypted_pdf(), "protégé par un mot de passe"),
    ],
    ids=["magic-bytes-only", "truncated", "encrypted"],
)
def test_the_activity_report_is_parsed_as_a_pdf(client, association, member, indicators, content, message):
    client.force_login(member)
    data = post_data(indicators, **GOOD)
    data["activity_report"] = SimpleUploadedFile("r.pdf", content, content_type="application/pdf")
    response = client.post(url(association), data)
    assert response.status_code == 400
    assert message in text(response)
    assert not Sheet.objects.filter(association=association).exclude(activity_report="").exists()
