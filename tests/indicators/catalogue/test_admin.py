"""The catalogue is edited by staff in the admin: pages load, next campaign is prepared."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from indicators.catalogue.models import Campaign, IndicatorDefinition, ValidationRule

pytestmark = pytest.mark.django_db

MODELS = [
    "breakdown",
    "breakdowncategory",
    "indicatordefinition",
    "campaign",
    "campaignindicator",
    "sheet",
    "sheetvalue",
    "validationrule",
    "sheetaudit",
    "reminder",
]


@pytest.mark.parametrize("model", MODELS)
def test_admin_changelists_load_for_ccas_staff(client, staff_user, indicators, model):
    client.force_login(staff_user)
    response = client.get(reverse(f"admin:indicators_{model}_changelist"), {"q": "a"})
    assert response.status_code == 200


def test_prepare_next_campaign_copies_the_active_core(client, staff_user, campaign, indicators):
    themed = IndicatorDefinition.objects.create(code="theme", label="Thème", family="activite")
    campaign.items.create(indicator=themed, is_themed=True)
    indicators["aides"].is_active = False
    indicators["aides"].save()
    client.force_login(staff_user)
    response = client.post(
        reverse("admin:indicators_campaign_changelist"),
        {"action": "create_next", "_selected_action": [campaign.pk]},
        follow=True,
    )
    assert "Campagne 2027 créée" in response.content.decode()
    new = Campaign.objects.get(year=2027)
    codes = set(new.items.values_list("indicator__code", flat=True))
    assert "personnes" in codes and "aides" not in codes and "theme" not in codes
    assert new.closes_on.year == 2028


def test_formulas_and_rules_must_name_known_codes(indicators):
    indicator = IndicatorDefinition(
        code="calc", label="Calc", family="structure", formula="ratio(benevoles, inconnu)"
    )
    with pytest.raises(ValidationError, match="inconnu"):
        indicator.full_clean()
    rule = ValidationRule(name="r", left="personnes", operator="gte", right="fantome", message="m")
    with pytest.raises(ValidationError, match="fantome"):
        rule.full_clean()
    ValidationRule(
        name="ok", left="passages", operator="gte", right="personnes * 2", message="m"
    ).full_clean()
