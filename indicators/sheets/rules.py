"""Checking a sheet against the catalogue's validation rules (DHIS2-style, written as data by
staff), plus the year-on-year outlier check.

Pure functions over plain dicts so the same code serves the form, the submit service and the
staff review screen: `totals` maps indicator code → value (computed ones included) and
`breakdowns` maps code → {category code → value}.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from indicators.catalogue.formulas import FormulaError, evaluate
from indicators.catalogue.models import RuleOperator, Severity, ValidationRule
from solidaire.core.text.french import format_number, format_ratio


@dataclass(frozen=True)
class RuleResult:
    name: str
    message: str
    severity: str
    passed: bool
    detail: str = ""

    @property
    def is_error(self) -> bool:
        return not self.passed and self.severity == Severity.ERROR

    @property
    def is_warning(self) -> bool:
        return not self.passed and self.severity == Severity.WARNING


def _fmt(value: Decimal | None) -> str:
    return "—" if value is None else format_number(value)


def evaluate_rule(
    rule: ValidationRule,
    totals: Mapping[str, Decimal | None],
    breakdowns: Mapping[str, Mapping[str, Decimal]],
) -> RuleResult | None:
    """The rule's result, or None when it does not apply (a side is not answered)."""
    try:
        right = evaluate(rule.right, totals)
        if rule.operator == RuleOperator.BREAKDOWN_TOTAL:
            parts = breakdowns.get(rule.left.strip(), {})
            if not parts:
                return None
            left = sum(parts.values(), Decimal(0))
        else:
            left = evaluate(rule.left, totals)
    except FormulaError:
        # A broken rule must not block every association: it is reported, not enforced.
        return RuleResult(rule.name, f"Règle « {rule.name} » mal écrite, ignorée.", Severity.WARNING, True)
    detail = f"{_fmt(left)} / {_fmt(right)}"
    if rule.operator == RuleOperator.BOTH_OR_NEITHER:
        passed = (left is None) == (right is None)
    elif left is None or right is None:
        if rule.operator == RuleOperator.BREAKDOWN_TOTAL and right is None:
            passed = False  # a breakdown without the total it should add up to
        else:
            return None
    elif rule.operator == RuleOperator.GTE:
        passed = left >= right
    elif rule.operator == RuleOperator.LTE:
        passed = left <= right
    else:  # EQ and BREAKDOWN_TOTAL
        passed = left == right
    return RuleResult(rule.name, rule.message, rule.severity, passed, detail)


def outlier_results(
    *,
    labels: Mapping[str, str],
    totals: Mapping[str, Decimal | None],
    previous: Mapping[str, Decimal | None],
    factor: Decimal,
    codes: Iterable[str],
) -> list[RuleResult]:
    """A warning for each typed value more than `factor` times above or below last year's."""
    results = []
    for code in codes:
        current, before = totals.get(code), previous.get(code)
        if not current or not before:
            continue
        ratio = max(current, before) / min(current, before)
        if ratio > factor:
            sign, words = format_ratio(current, before)
            results.append(
                RuleResult(
                    f"écart {code}",
                    f"« {labels[code]} » : {_fmt(current)} cette année contre {_fmt(before)} "
                    f"l'an passé ({words}). Vérifiez la saisie.",
                    Severity.WARNING,
                    False,
                    sign,
                )
            )
    return results


def run_rules(
    *,
    rules: Iterable[ValidationRule],
    totals: Mapping[str, Decimal | None],
    breakdowns: Mapping[str, Mapping[str, Decimal]],
) -> list[RuleResult]:
    results = []
    for rule in rules:
        result = evaluate_rule(rule, totals, breakdowns)
        if result is not None:
            results.append(result)
    return results
