"""The activity report is private: stored outside MEDIA_ROOT, never reachable by a media URL."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.sheets.models import Sheet
from tests.indicators.conftest import post_data
from tests.indicators.factories import pdf_bytes

from .test_sheet import GOOD, url

REPORT = pdf_bytes()

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploaded(client, association, member, indicators):
    client.force_login(member)
    data = post_data(indicators, **GOOD)
    data["activity_report"] = SimpleUploadedFile("r.pdf", REPORT, content_type="application/pdf")
    client.post(url(association), data)
    client.logout()
    return Sheet.objects.get(association=association)


def test_report_is_stored_outside_the_public_media(uploaded):
    path = Path(uploaded.activity_report.path).resolve()
    assert Path(settings.PRIVATE_MEDIA_ROOT).resolve() in path.parents
    assert Path(settings.MEDIA_ROOT).resolve() not in path.parents
    assert path.read_bytes() == REPORT
    # Nothing guessable (indicateurs/<year>/<slug>/rapport-activite.pdf) under the public media.
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.pdf"))


def test_report_has_no_public_url(uploaded):
    with pytest.raises(ValueError):
        uploaded.activity_report.url  # noqa: B018


def test_staff_find_the_report_in_the_admin_through_the_checked_view(client, staff_user, uploaded):
    client.force_login(staff_user)
    page = client.get(f"/gestion/indicators/sheet/{uploaded.pk}/change/").content.decode()
    assert reverse("indicators:activity_report", args=[uploaded.association.slug, 2026]) in page
    assert "/media/" not in page
