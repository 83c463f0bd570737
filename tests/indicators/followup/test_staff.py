"""Staff follow-up, review and workflow (return, validate, reopen), with the audit trail."""

from __future__ import annotations

import html

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators.reminders.models import Reminder
from indicators.sheets.models import AuditAction, Sheet, SheetAudit, SheetStatus
from tests.factories import AssociationFactory
from tests.indicators.conftest import post_data
from tests.indicators.factories import SheetFactory, add_values

pytestmark = pytest.mark.django_db

GOOD = {"personnes": "10", "passages": "40", "typologie__f": "6", "typologie__h": "4"}


def text(response) -> str:
    return html.unescape(response.content.decode())


def submitted_sheet(association, campaign, indicators):
    sheet = SheetFactory(
        association=association, campaign=campaign, status="submitted", submitted_at="2026-11-20T09:00:00Z"
    )
    add_values(sheet, indicators, personnes=10, passages=40, typologie__f=6, typologie__h=4)
    return sheet


def review_url(sheet, action=None):
    kwargs = {"year": sheet.campaign.year, "slug": sheet.association.slug}
    if action:
        return reverse("indicators:review_action", kwargs={**kwargs, "action": action})
    return reverse("indicators:review", kwargs=kwargs)


@pytest.mark.parametrize(
    "name,kwargs",
    [
        ("indicators:followup", {}),
        ("indicators:followup_year", {"year": 2026}),
        ("indicators:export_long", {"fmt": "csv"}),
        ("indicators:export_campaign", {"year": 2026, "fmt": "csv"}),
    ],
)
def test_staff_pages_refuse_members(client, association, member, indicators, name, kwargs):
    client.force_login(member)
    assert client.get(reverse(name, kwargs=kwargs)).status_code == 403


def test_followup_shows_completeness_and_statuses(client, staff_user, campaign, indicators):
    done = AssociationFactory(name="Alpha")
    submitted_sheet(done, campaign, indicators)
    AssociationFactory(name="Bêta")
    AssociationFactory(name="Institution", kind="institution")  # not expected
    AssociationFactory(name="Brouillonne", status="draft")  # unpublished: not expected
    validated = AssociationFactory(name="Gamma")
    SheetFactory(
        association=validated,
        campaign=campaign,
        status="validated",
        submitted_at="2027-02-02T09:00:00Z",
        validated_at="2027-02-03T09:00:00Z",
    )
    client.force_login(staff_user)
    page = text(client.get(reverse("indicators:followup")))
    assert "Suivi des fiches d'indicateurs 2026" in page
    assert "<dt>Attendues</dt><dd>3</dd>" in page
    assert "<dt>Validées</dt><dd>1</dd>" in page
    assert "<dt>Transmises en retard</dt><dd>1</dd>" in page
    assert "<dt>En retard</dt><dd>0</dd>" in page  # the campaign is open until January
    assert "<dt>Manquantes</dt><dd>1</dd>" in page
    assert "Bêta" in page and "Non commencée" in page
    assert "Institution" not in page
    filtered = text(client.get(reverse("indicators:followup"), {"statut": "missing"}))
    assert "Bêta" in filtered and "Alpha" not in filtered


def test_followup_query_count_does_not_grow(
    client, staff_user, campaign, indicators, django_assert_num_queries
):
    client.force_login(staff_user)
    for _ in range(2):
        submitted_sheet(AssociationFactory(), campaign, indicators)
    client.get(reverse("indicators:followup"))  # warm the session / user caches
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("indicators:followup"))
    assert len(small.captured_queries) <= 10
    for _ in range(15):
        submitted_sheet(AssociationFactory(), campaign, indicators)
        AssociationFactory()
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse("indicators:followup"))
    assert response.status_code == 200


def test_review_query_count_does_not_grow(
    client, staff_user, association, campaign, indicators, django_assert_num_queries
):
    sheet = submitted_sheet(association, campaign, indicators)
    client.force_login(staff_user)
    client.get(review_url(sheet))
    with CaptureQueriesContext(connection) as small:
        client.get(review_url(sheet))
    assert len(small.captured_queries) <= 16
    # more structures, more values, more audit rows: same queries
    for _ in range(10):
        submitted_sheet(AssociationFactory(), campaign, indicators)
    for i in range(30):
        SheetAudit.objects.create(
            sheet=sheet, action=AuditAction.VALUE, comment=f"n{i}", indicator=indicators["personnes"]
        )
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(review_url(sheet))
    assert response.status_code == 200


def test_review_screen_shows_rules_and_last_year(client, staff_user, association, campaign, indicators):
    from tests.indicators.factories import CampaignFactory

    old = SheetFactory(
        association=association,
        campaign=CampaignFactory(year=2025, opens_on="2025-10-01", closes_on="2026-01-31"),
        status="validated",
        validated_at="2026-02-01T10:00:00Z",
    )
    add_values(old, indicators, passages=321)
    sheet = SheetFactory(
        association=association, campaign=campaign, status="submitted", submitted_at="2026-11-20T09:00:00Z"
    )
    add_values(sheet, indicators, personnes=50, passages=40)
    client.force_login(staff_user)
    page = text(client.get(review_url(sheet)))
    assert "Il y a moins de passages que de personnes accueillies." in page
    assert "<td>40</td><td>321 (" in page
    assert "en baisse de 88\xa0%" in page  # the evolution, in words for screen readers


def test_staff_returns_with_comment_then_member_fixes_and_staff_validates(
    client, staff_user, association, member, campaign, indicators, django_capture_on_commit_callbacks
):
    sheet = submitted_sheet(association, campaign, indicators)
    client.force_login(staff_user)
    # a return without comment is refused
    response = client.post(review_url(sheet, "renvoyer"), {"comment": "  "})
    assert response.status_code == 400
    assert Sheet.objects.get(pk=sheet.pk).status == SheetStatus.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(review_url(sheet, "renvoyer"), {"comment": "Les passages semblent bas."})
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.RETURNED
    assert mail.outbox and "à corriger" in mail.outbox[-1].subject
    assert member.email in mail.outbox[-1].to

    client.force_login(member)
    sheet_url = reverse("indicators:sheet", kwargs={"slug": association.slug, "year": 2026})
    assert "Les passages semblent bas." in text(client.get(sheet_url))
    response = client.post(
        sheet_url, post_data(indicators, version=sheet.version, action="submit", **{**GOOD, "passages": "60"})
    )
    assert response.status_code == 302

    client.force_login(staff_user)
    assert client.post(review_url(sheet, "valider")).status_code == 302
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.VALIDATED and sheet.validated_by == staff_user
    audit = list(sheet.audit.values_list("action", flat=True))
    assert {AuditAction.RETURN, AuditAction.SUBMIT, AuditAction.VALIDATE} <= set(audit)
    change = sheet.audit.get(action=AuditAction.VALUE, indicator__code="passages")
    assert (change.old_value, change.new_value, change.user) == (40, 60, member)
    page = text(client.get(review_url(sheet)))
    assert "passages\xa0: 40 → 60" in page


def test_editing_a_validated_sheet_needs_a_reopen_with_reason(
    client, staff_user, association, member, campaign, indicators
):
    sheet = submitted_sheet(association, campaign, indicators)
    client.force_login(staff_user)
    client.post(review_url(sheet, "valider"))
    client.force_login(member)
    sheet_url = reverse("indicators:sheet", kwargs={"slug": association.slug, "year": 2026})
    response = client.post(sheet_url, post_data(indicators, version=3, **{**GOOD, "personnes": "1"}))
    assert response.status_code == 400
    assert "Fiche validée par le CCAS" in text(response)
    assert sheet.values.get(indicator__code="personnes").value == 10

    client.force_login(staff_user)
    assert client.post(review_url(sheet, "rouvrir"), {"reason": ""}).status_code == 400
    assert Sheet.objects.get(pk=sheet.pk).status == SheetStatus.VALIDATED
    client.post(review_url(sheet, "rouvrir"), {"reason": "Erreur sur les passages."})
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.RETURNED
    assert sheet.audit.filter(action=AuditAction.REOPEN, comment="Erreur sur les passages.").exists()


def test_validate_twice_is_refused(client, staff_user, association, campaign, indicators):
    sheet = submitted_sheet(association, campaign, indicators)
    client.force_login(staff_user)
    client.post(review_url(sheet, "valider"))
    response = client.post(review_url(sheet, "valider"), follow=True)
    assert "Action impossible" in text(response)
    assert sheet.audit.filter(action=AuditAction.VALIDATE).count() == 1


def test_one_click_reminder(
    client, staff_user, association, member, campaign, indicators, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    url = reverse("indicators:remind", kwargs={"year": 2026, "slug": association.slug})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "Relance envoyée" in text(response)
    assert mail.outbox[-1].to == [member.email]
    assert "2026" in mail.outbox[-1].subject
    assert Reminder.objects.filter(association=association, kind="manual").count() == 1
    assert client.get(url).status_code == 405
