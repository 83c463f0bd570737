"""The association's sheet through the test client: draft, submit, bad input, locks."""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.sheets.models import AuditAction, Sheet, SheetAudit, SheetStatus, SheetValue
from tests.indicators.conftest import post_data
from tests.indicators.factories import CampaignFactory, SheetFactory, add_values, pdf_bytes

pytestmark = pytest.mark.django_db

GOOD = {
    "personnes": "10",
    "passages": "40",
    "typologie__f": "6",
    "typologie__h": "4",
    "salaries": "2,5",
    "benevoles": "20",
}


def text(response) -> str:
    return html.unescape(response.content.decode())


def url(association, year=2026):
    return reverse("indicators:sheet", kwargs={"slug": association.slug, "year": year})


def values_of(sheet):
    return {
        (v.indicator.code, v.category.code if v.category else None): v.value
        for v in SheetValue.objects.filter(sheet=sheet).select_related("indicator", "category")
    }


def test_member_saves_a_draft_and_finds_it_again(client, association, member, indicators):
    client.force_login(member)
    response = client.post(url(association), post_data(indicators, **GOOD))
    assert response.status_code == 302
    sheet = Sheet.objects.get(association=association)
    assert sheet.status == SheetStatus.DRAFT
    assert sheet.version == 2
    stored = values_of(sheet)
    assert stored[("personnes", None)] == 10
    assert stored[("typologie", "f")] == 6
    assert stored[("salaries", None)] == Decimal("2.5")
    # computed, never typed: 20 / 2.5
    assert stored[("ratio_benevoles_salaries", None)] == 8
    page = text(client.get(url(association)))
    assert 'value="40"' in page
    assert "Brouillon" in page
    assert SheetAudit.objects.filter(
        sheet=sheet, action=AuditAction.VALUE, indicator__code="personnes", new_value=10
    ).exists()


def test_computed_indicator_cannot_be_typed(client, association, member, indicators):
    client.force_login(member)
    data = post_data(indicators, **GOOD)
    data["i_ratio_benevoles_salaries"] = "999"
    client.post(url(association), data)
    sheet = Sheet.objects.get(association=association)
    assert values_of(sheet)[("ratio_benevoles_salaries", None)] == 8
    assert 'name="i_ratio_benevoles_salaries"' not in text(client.get(url(association)))


def test_last_year_value_is_shown_beside_the_field(client, association, member, indicators):
    previous = CampaignFactory(year=2025, opens_on=dt.date(2025, 10, 1), closes_on=dt.date(2026, 1, 31))
    old = SheetFactory(
        association=association, campaign=previous, status="validated", validated_at="2026-02-01T10:00:00Z"
    )
    add_values(old, indicators, passages=1234)
    client.force_login(member)
    page = text(client.get(url(association)))
    assert "L'an passé\xa0: 1\u202f234" in page


def test_member_submits(client, association, member, indicators):
    client.force_login(member)
    response = client.post(url(association), post_data(indicators, action="submit", **GOOD))
    assert response.status_code == 302
    sheet = Sheet.objects.get(association=association)
    assert sheet.status == SheetStatus.SUBMITTED
    assert sheet.submitted_by == member
    page = text(client.get(url(association)))
    # One status line says what the sheet is and what comes next (no « à transmettre avant »).
    assert "en cours d'examen par le CCAS" in page
    assert "à transmettre avant" not in page


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("personnes", "-5", "supérieure ou égale à 0"),
        ("personnes", "douze", "« douze » n'est pas un nombre"),
        ("personnes", "5.100,5", "mélange point et virgule"),
        ("personnes", "1e9", "sans exposant"),
        ("passages", "1000000000000", ""),
        ("personnes", "3,5", ""),
    ],
)
def test_bad_numbers_are_refused_and_redisplayed(
    client, association, member, indicators, field, value, message
):
    client.force_login(member)
    data = post_data(indicators, **{**GOOD, field: value})
    response = client.post(url(association), data)
    assert response.status_code == 400
    page = text(response)
    assert "Certaines valeurs sont invalides" in page
    assert message in page
    assert f'value="{value}"' in page  # what was typed comes back
    assert 'aria-invalid="true"' in page
    assert not Sheet.objects.filter(association=association).exists()
    assert not SheetValue.objects.exists()


def test_breakdown_that_does_not_add_up_blocks_submit(client, association, member, indicators):
    client.force_login(member)
    data = post_data(indicators, action="submit", **{**GOOD, "typologie__h": "9"})
    response = client.post(url(association), data)
    assert response.status_code == 400
    page = text(response)
    assert "La typologie ne totalise pas le nombre de personnes accueillies." in page
    assert 'value="9"' in page
    # The refused submission keeps what was typed as a draft, and says so.
    assert "Vos saisies sont enregistrées comme brouillon" in page
    sheet = Sheet.objects.get(association=association)
    assert sheet.status == SheetStatus.DRAFT
    assert values_of(sheet)[("typologie", "h")] == 9


def test_both_or_neither_rule(client, association, member, indicators):
    client.force_login(member)
    response = client.post(
        url(association), post_data(indicators, action="submit", **{**GOOD, "aides": "12"})
    )
    assert "Renseignez le nombre d'aides et leur montant" in text(response)
    assert not Sheet.objects.filter(status=SheetStatus.SUBMITTED).exists()


def test_outlier_warning_must_be_confirmed(client, association, member, indicators):
    previous = CampaignFactory(year=2025, opens_on=dt.date(2025, 10, 1), closes_on=dt.date(2026, 1, 31))
    old = SheetFactory(
        association=association, campaign=previous, status="validated", validated_at="2026-02-01T10:00:00Z"
    )
    add_values(old, indicators, passages=4)
    client.force_login(member)
    response = client.post(url(association), post_data(indicators, action="submit", **GOOD))
    assert response.status_code == 400
    page = text(response)
    assert "Vérifiez la saisie" in page and "cochez la case" in page
    assert 'name="confirm_warnings"' in page
    assert not Sheet.objects.filter(status=SheetStatus.SUBMITTED).exists()
    # The draft was saved: the form carries the sheet's new version.
    version = Sheet.objects.get(association=association, campaign__year=2026).version
    assert f'name="version" value="{version}"' in page
    data = post_data(indicators, action="submit", version=version, **GOOD)
    data["confirm_warnings"] = "on"
    assert client.post(url(association), data).status_code == 302
    sheet = Sheet.objects.get(association=association, campaign__year=2026)
    assert sheet.status == SheetStatus.SUBMITTED
    assert "Avertissements confirmés" in sheet.audit.get(action=AuditAction.SUBMIT).comment


def test_submitting_after_the_closing_date_is_refused(client, association, member, indicators, monkeypatch):
    from indicators.catalogue import selectors

    monkeypatch.setattr(selectors, "today", lambda: dt.date(2027, 2, 1))
    client.force_login(member)
    response = client.post(url(association), post_data(indicators, action="submit", **GOOD))
    assert response.status_code == 400
    assert "Campagne close le 31 janvier 2027" in text(response)
    assert not Sheet.objects.filter(status=SheetStatus.SUBMITTED).exists()
    assert not SheetValue.objects.exists()


def test_submitting_for_another_association_is_forbidden(client, association, member, indicators):
    from tests.factories import AssociationFactory

    other = AssociationFactory()
    client.force_login(member)
    response = client.post(url(other), post_data(indicators, action="submit", **GOOD))
    assert response.status_code == 403
    assert client.get(url(other)).status_code == 403
    assert not Sheet.objects.filter(association=other).exists()


def test_anonymous_is_sent_to_login(client, association, indicators):
    response = client.get(url(association))
    assert response.status_code == 302 and "/comptes/login/" in response["Location"]


def test_validated_sheet_is_locked_and_says_why(client, association, member, indicators):
    sheet = SheetFactory(
        association=association,
        campaign=indicators["personnes"].campaigns.get(),
        status="validated",
        validated_at="2026-11-20T09:00:00Z",
    )
    add_values(sheet, indicators, personnes=10)
    client.force_login(member)
    page = text(client.get(url(association)))
    # The badge says « Validée », the status line goes on « par le CCAS le… ».
    assert "Validée par le CCAS le vendredi 20 novembre 2026" in " ".join(
        re.sub(r"<[^>]+>", " ", page).split()
    )
    assert 'name="i_personnes"' not in page
    response = client.post(url(association), post_data(indicators, **{**GOOD, "personnes": "99"}))
    assert response.status_code == 400
    assert values_of(sheet)[("personnes", None)] == 10


def test_two_tabs_saving_the_same_draft(client, association, member, indicators):
    client.force_login(member)
    # Tab A and tab B both opened the sheet at version 1; A saves first.
    assert client.post(url(association), post_data(indicators, version=1, **GOOD)).status_code == 302
    response = client.post(url(association), post_data(indicators, version=1, **{**GOOD, "personnes": "77"}))
    assert response.status_code == 400
    page = text(response)
    assert "modifiée entre-temps par" in page and "rechargez" in page
    assert 'value="77"' in page  # tab B's input is not lost
    sheet = Sheet.objects.get(association=association)
    assert values_of(sheet)[("personnes", None)] == 10
    assert sheet.version == 2


def test_activity_report_must_be_a_pdf(client, association, member, indicators):
    client.force_login(member)
    data = post_data(indicators, **GOOD)
    data["activity_report"] = SimpleUploadedFile(
        "rapport.pdf", b"MZ not a pdf", content_type="application/pdf"
    )
    response = client.post(url(association), data)
    assert response.status_code == 400
    assert "n'est pas un PDF" in text(response)
    assert not SheetValue.objects.exists()
    data["activity_report"] = SimpleUploadedFile("rapport.pdf", pdf_bytes(), content_type="application/pdf")
    assert client.post(url(association), data).status_code == 302
    sheet = Sheet.objects.get(association=association)
    assert sheet.activity_report.name.endswith(".pdf")
    assert sheet.audit.filter(action=AuditAction.REPORT).exists()


def test_activity_report_size_limit(client, association, member, indicators):
    client.force_login(member)
    data = post_data(indicators, **GOOD)
    data["activity_report"] = SimpleUploadedFile(
        "gros.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024 + 1), content_type="application/pdf"
    )
    response = client.post(url(association), data)
    assert response.status_code == 400
    assert "dépasse 10 Mo" in text(response)


def test_home_lists_my_structures(client, association, member, indicators):
    client.force_login(member)
    page = text(client.get(reverse("indicators:home")))
    assert association.name in page
    assert url(association) in page


def test_activity_report_is_served_only_to_those_who_may_see_it(
    client, association, member, indicators, user
):
    client.force_login(member)
    data = post_data(indicators, **GOOD)
    report_bytes = pdf_bytes(pages=2)
    data["activity_report"] = SimpleUploadedFile("r.pdf", report_bytes, content_type="application/pdf")
    client.post(url(association), data)
    report = reverse("indicators:activity_report", kwargs={"slug": association.slug, "year": 2026})
    response = client.get(report)
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == report_bytes
    client.force_login(user)
    assert client.get(report).status_code == 403


def test_retired_indicator_still_shows_in_old_sheets(client, association, member, indicators):
    old_campaign = CampaignFactory(year=2024, opens_on=dt.date(2024, 10, 1), closes_on=dt.date(2025, 1, 31))
    from indicators.catalogue.models import CampaignIndicator

    CampaignIndicator.objects.create(campaign=old_campaign, indicator=indicators["aides"])
    sheet = SheetFactory(
        association=association,
        campaign=old_campaign,
        status="validated",
        validated_at="2025-02-01T10:00:00Z",
    )
    add_values(sheet, indicators, aides=17)
    indicators["aides"].is_active = False
    indicators["aides"].save()
    client.force_login(member)
    page = text(client.get(url(association, 2024)))
    assert "Aides accordées" in page and "<output>17</output>" in page


def test_services_refuse_bad_values_even_without_the_form(association, member, indicators):
    from django.core.exceptions import ValidationError

    from indicators.sheets.services import sheet_get_or_create, sheet_save_draft

    sheet = sheet_get_or_create(association=association, campaign=indicators["personnes"].campaigns.get())
    personnes = (indicators["personnes"].id, None)
    for bad in (Decimal(-1), Decimal(10) ** 12, Decimal("2.5")):
        with pytest.raises(ValidationError):
            sheet_save_draft(
                sheet=sheet,
                user=member,
                expected_version=1,
                values={(indicators["passages"].id, None): Decimal(5), personnes: bad},
            )
    computed = (indicators["ratio_benevoles_salaries"].id, None)
    with pytest.raises(ValidationError, match="Indicateur inconnu"):
        sheet_save_draft(sheet=sheet, user=member, expected_version=1, values={computed: Decimal(3)})
    sheet.refresh_from_db()
    assert sheet.version == 1
    assert not SheetValue.objects.exists() and not SheetAudit.objects.exists()
