"""Exports read numbers as the sheet does: at the indicator's precision (a ratio « 2,3 », not
« 2,3333 »), amounts with their cents; the campaign export lists every expected structure,
with its state, those that have not started included."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import AssociationFactory
from tests.indicators.factories import SheetFactory, add_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(campaign, indicators):
    alpha = AssociationFactory(name="Alpha", slug="alpha")
    sheet = SheetFactory(
        association=alpha, campaign=campaign, status="submitted", submitted_at="2026-11-20T09:00:00Z"
    )
    add_values(
        sheet,
        indicators,
        personnes=10,
        benevoles=7,
        salaries="3",
        ratio_benevoles_salaries="2.3333",
        montant_aides="1200.00",
    )
    AssociationFactory(name="Bêta sans fiche", slug="beta")
    AssociationFactory(name="Institution", kind="institution")  # not expected
    return alpha


def _wide_csv(client, **params) -> list[dict]:
    url = reverse("indicators:export_campaign", kwargs={"year": 2026, "fmt": "csv"})
    text = b"".join(client.get(url, params).streaming_content).decode("utf-8-sig")
    lines = text.splitlines()
    header = lines[0].split(";")
    return [dict(zip(header, line.split(";"), strict=True)) for line in lines[1:]]


def test_people_get_the_indicator_precision_and_cents(client, staff_user, answered):
    client.force_login(staff_user)
    alpha = _wide_csv(client)[0]
    assert alpha["Rapport bénévoles / salariés"] == "2,3"
    assert alpha["Montant des aides"] == "1200,00"
    assert alpha["Personnes accueillies"] == "10"
    programs = _wide_csv(client, entetes="codes")[0]
    assert programs["ratio_benevoles_salaries"] == "2.3333"  # programs get the stored number


def test_the_campaign_export_lists_every_expected_structure_with_its_state(client, staff_user, answered):
    client.force_login(staff_user)
    rows = _wide_csv(client)
    assert [(r["Structure"], r["Statut de la fiche"]) for r in rows] == [
        ("Alpha", "Transmise"),
        ("Bêta sans fiche", "Non commencée"),
    ]
    assert rows[1]["Personnes accueillies"] == ""
    assert [r["statut"] for r in _wide_csv(client, entetes="codes")] == ["submitted", "none"]


def test_the_xlsx_keeps_exact_numbers_shown_at_their_precision(client, staff_user, answered):
    client.force_login(staff_user)
    url = reverse("indicators:export_campaign", kwargs={"year": 2026, "fmt": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(client.get(url).streaming_content))).active
    header = [cell.value for cell in sheet[1]]

    def cell(name):
        return sheet.cell(row=2, column=header.index(name) + 1)

    assert cell("Montant des aides").value == 1200
    assert cell("Montant des aides").number_format == '#,##0.00 "€"'
    assert cell("Rapport bénévoles / salariés").value == pytest.approx(2.3333)
    assert cell("Rapport bénévoles / salariés").number_format == "#,##0.0"
    assert sheet.cell(row=3, column=1).value == "Bêta sans fiche"
    assert sheet.cell(row=3, column=4).value == "Non commencée"


def test_the_long_export_rounds_for_people(client, staff_user, answered):
    client.force_login(staff_user)
    url = reverse("indicators:export_long", kwargs={"fmt": "csv"})
    text = b"".join(client.get(url).streaming_content).decode("utf-8-sig")
    assert "Alpha;alpha;2026;Transmise;ratio_benevoles_salaries;Rapport bénévoles / salariés;;2,3" in text
    assert "Alpha;alpha;2026;Transmise;montant_aides;Montant des aides;;1200,00" in text
