"""The rule engine that checks a sheet, through its public functions."""

from __future__ import annotations

from decimal import Decimal

import pytest

from indicators.catalogue.models import ValidationRule
from indicators.sheets.rules import evaluate_rule, outlier_results

D = Decimal


def make_rule(left, op, right, severity="error"):
    return ValidationRule(name="r", left=left, operator=op, right=right, message="échec", severity=severity)


@pytest.mark.parametrize(
    "op,left,right,passed",
    [
        ("gte", D(5), D(3), True),
        ("gte", D(2), D(3), False),
        ("lte", D(2), D(3), True),
        ("eq", D(3), D(3), True),
        ("eq", D(3), D(4), False),
        ("both", D(1), None, False),
        ("both", None, None, True),
        ("both", D(0), D(5), True),
    ],
)
def test_rule_operators(op, left, right, passed):
    result = evaluate_rule(make_rule("a", op, "b"), {"a": left, "b": right}, {})
    assert result is not None and result.passed is passed


def test_rule_not_applicable_when_a_side_is_blank():
    assert evaluate_rule(make_rule("a", "gte", "b"), {"a": D(1), "b": None}, {}) is None


def test_breakdown_rule():
    rule = make_rule("typo", "breakdown", "personnes")
    ok = evaluate_rule(rule, {"personnes": D(10)}, {"typo": {"f": D(6), "h": D(4)}})
    bad = evaluate_rule(rule, {"personnes": D(10)}, {"typo": {"f": D(6), "h": D(9)}})
    assert ok.passed and not bad.passed and bad.is_error
    assert evaluate_rule(rule, {"personnes": D(10)}, {"typo": {}}) is None


def test_outliers():
    results = outlier_results(
        labels={"a": "A", "b": "B"},
        totals={"a": D(100), "b": D(10)},
        previous={"a": D(10), "b": D(9)},
        factor=D(3),
        codes=["a", "b"],
    )
    assert [r.name for r in results] == ["écart a"]
    assert results[0].is_warning and "100" in results[0].message
