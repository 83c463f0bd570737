"""Exports for French spreadsheets: labelled headers, French statuses, decimal commas in the
CSV; an XLSX with a bold frozen header, widths, a filter and number formats (read back with
openpyxl, as LibreOffice would)."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from .test_exports import data, streamed_text  # noqa: F401  (the shared fixture)

pytestmark = pytest.mark.django_db


def test_wide_csv_for_french_spreadsheets(client, staff_user, data):  # noqa: F811
    client.force_login(staff_user)
    response = client.get(reverse("indicators:export_campaign", kwargs={"year": 2026, "fmt": "csv"}))
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())  # UTF-8 with a BOM
    lines = raw.decode("utf-8-sig").splitlines()
    header = lines[0].split(";")
    assert header[:4] == ["Structure", "Identifiant de la structure", "Année", "Statut de la fiche"]
    assert "Personnes accueillies" in header
    assert "Typologie du public — Femmes" in header
    alpha = dict(zip(header, lines[1].split(";"), strict=True))
    assert alpha["Statut de la fiche"] == "Transmise"
    assert alpha["Salariés (ETP)"] == "2,50"  # decimal comma, at the indicator's precision (hundredths)
    assert "submitted" not in raw.decode("utf-8-sig")


def test_long_csv_labels_categories_and_statuses(client, staff_user, data):  # noqa: F811
    client.force_login(staff_user)
    lines = streamed_text(client.get(reverse("indicators:export_long", kwargs={"fmt": "csv"}))).splitlines()
    assert lines[0].startswith("Structure;Identifiant de la structure;Année;Statut de la fiche;")
    assert "Alpha;alpha;2025;Validée;personnes;Personnes accueillies;;7" in lines
    assert "Alpha;alpha;2026;Transmise;typologie;Typologie du public;Femmes;6" in lines


def test_xlsx_has_bold_frozen_header_widths_filter_and_number_formats(client, staff_user, data):  # noqa: F811
    client.force_login(staff_user)
    response = client.get(reverse("indicators:export_campaign", kwargs={"year": 2026, "fmt": "xlsx"}))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].value == "Structure" and sheet["A1"].font.bold
    assert sheet.auto_filter.ref.startswith("A1:") and sheet.auto_filter.ref.endswith("3")
    assert sheet.column_dimensions["A"].width >= 20
    header = [cell.value for cell in sheet[1]]
    personnes = sheet.cell(row=2, column=header.index("Personnes accueillies") + 1)
    salaries = sheet.cell(row=2, column=header.index("Salariés (ETP)") + 1)
    assert personnes.value == 10 and personnes.number_format == "#,##0"
    assert salaries.value == 2.5 and salaries.number_format == "#,##0.00"
    assert sheet.cell(row=2, column=4).value == "Transmise"


def test_the_follow_up_page_offers_both_versions(client, staff_user, data):  # noqa: F811
    client.force_login(staff_user)
    page = client.get(reverse("indicators:followup_year", kwargs={"year": 2026})).content.decode()
    assert "entetes=codes" in page
