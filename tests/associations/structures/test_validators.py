"""Identifiers and contact checks, through the model's full_clean (what every form uses)."""

import pytest
from django.core.exceptions import ValidationError

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("rna", "W12345678", "W suivi de 9 chiffres"),
        ("rna", "X723001234", "W suivi de 9 chiffres"),
        ("siret", "7328293200007", "14 chiffres"),
        ("siret", "73282932000075", "clé de contrôle"),
        ("siret", "7328293200007A", "14 chiffres"),
        # Luhn-valid as a whole, but its SIREN (123456780) has a wrong key.
        ("siret", "12345678000006", "le SIREN"),
        ("phone", "06 12", "Numéro de téléphone invalide"),
        ("phone", "+44 20 7946 0958", "Numéro de téléphone invalide"),
        ("email", "a@b", "courriel"),
        ("opening_hours", "tous les jours", "Horaires illisibles"),
        ("website", "javascript:alert(1)", "URL"),
    ],
)
def test_bad_values_are_refused_in_french(field, value, message):
    association = factories.AssociationFactory.build(**{field: value})
    with pytest.raises(ValidationError) as exc:
        association.full_clean(exclude=["slug"])
    assert any(message in m for m in exc.value.message_dict[field])


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("rna", "W723001234"),
        ("siret", "73282932000074"),
        ("siret", "35600000049837"),
        ("phone", "02 43 74 52 06"),
        ("phone", "+33 6 12 34 56 78"),
        ("phone", "115"),
        ("opening_hours", "Mo-Fr 09:00-12:00; PH off"),
    ],
)
def test_good_values_pass(field, value):
    factories.AssociationFactory.build(**{field: value}).full_clean(exclude=["slug"])


def test_negative_counts_are_refused():
    association = factories.AssociationFactory.build(staff_volunteers=-1, budget="-5")
    with pytest.raises(ValidationError) as exc:
        association.full_clean(exclude=["slug"])
    assert {"staff_volunteers", "budget"} <= set(exc.value.message_dict)


def test_siren_checked_with_its_key():
    from associations.structures.validators import validate_siren

    validate_siren("732829320")
    with pytest.raises(ValidationError, match="clé de contrôle"):
        validate_siren("732829321")
    with pytest.raises(ValidationError, match="9 chiffres"):
        validate_siren("73282932")
