"""The formula language of the catalogue, through its public functions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from indicators.catalogue.formulas import FormulaError, evaluate, formula_codes
from indicators.catalogue.models import IndicatorDefinition, ValidationRule

D = Decimal


@pytest.mark.parametrize(
    "formula,expected",
    [
        ("ratio(b, s)", D("8.0000")),
        ("b + s * 2", D("25")),
        ("sum(b, s, missing)", D("22.5")),
        ("max(b, s) - min(b, s)", D("17.5")),
        ("ratio(b, zero)", None),
        ("b + missing", None),
        ("-s + 10", D("7.5")),
    ],
)
def test_evaluate(formula, expected):
    assert evaluate(formula, {"b": D(20), "s": D("2.5"), "zero": D(0), "missing": None}) == expected


@pytest.mark.parametrize(
    "formula",
    [
        "__import__('os').system('ls')",
        "b ** 2",
        "b.real",
        "open('x')",
        "'texte'",
        "b if s else 1",
        "",
        "lambda: 1",
        "ratio(b)",
        "[b]",
    ],
)
def test_dangerous_or_invalid_formulas_are_refused(formula):
    with pytest.raises(FormulaError):
        formula_codes(formula)


def test_formula_codes():
    assert formula_codes("ratio(benevoles, salaries) + 1") == {"benevoles", "salaries"}


@pytest.mark.django_db
def test_admin_validation_of_formulas():
    indicator = IndicatorDefinition(code="x", label="X", family="structure", formula="ratio(x, y)")
    with pytest.raises(ValidationError) as exc:
        indicator.full_clean()
    assert "elle-même" in str(exc.value)
    rule = ValidationRule(name="r", left="a ** 2", operator="gte", right="1", message="m")
    with pytest.raises(ValidationError):
        rule.full_clean()
