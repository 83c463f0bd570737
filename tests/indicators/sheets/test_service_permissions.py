"""The sheet services check who acts, not only the views: a shell, a task or a future view
calling them with the wrong user changes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from indicators.sheets import services
from indicators.sheets.models import Sheet, SheetValue
from tests.indicators.factories import SheetFactory

pytestmark = pytest.mark.django_db


def test_a_member_of_another_structure_cannot_write_a_sheet(association, indicators, campaign, member_of):
    from tests.factories import AssociationFactory

    outsider = member_of(AssociationFactory(), role="admin")
    sheet = services.sheet_get_or_create(association=association, campaign=campaign)
    with pytest.raises(PermissionDenied):
        services.sheet_save_draft(
            sheet=sheet,
            user=outsider,
            expected_version=1,
            values={(indicators["personnes"].id, None): Decimal(999)},
        )
    assert not SheetValue.objects.filter(sheet=sheet).exists()


@pytest.mark.parametrize(
    ("service", "status", "extra"),
    [
        ("sheet_validate", "submitted", {}),
        ("sheet_return", "submitted", {"comment": "À corriger"}),
        ("sheet_reopen", "validated", {"reason": "Erreur de saisie"}),
    ],
)
def test_only_staff_review_sheets(association, campaign, member, service, status, extra):
    """Even the structure's own admin cannot validate (or return, reopen) its sheet."""
    sheet = SheetFactory(
        association=association,
        campaign=campaign,
        status=status,
        validated_at="2026-11-20T10:00:00Z" if status == "validated" else None,
    )
    with pytest.raises(PermissionDenied):
        getattr(services, service)(sheet=sheet, user=member, **extra)
    assert Sheet.objects.get(pk=sheet.pk).status == status


def test_staff_still_validate(association, campaign, staff_user):
    sheet = SheetFactory(association=association, campaign=campaign, status="submitted")
    services.sheet_validate(sheet=sheet, user=staff_user)
    assert Sheet.objects.get(pk=sheet.pk).status == "validated"
