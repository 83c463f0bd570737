"""A tiny, safe expression language for computed indicators and validation rules.

Staff write `ratio(benevoles, salaries)` or `accueils + passages` in the admin. We parse with
Python's `ast` (parsing never executes anything) and walk a whitelist of nodes ourselves:
numbers, indicator codes, + − × ÷, parentheses and four functions. Anything else is refused.
A missing value or a division by zero gives None ("cannot compute"), never an exception.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from functools import lru_cache

FUNCTIONS = {"ratio", "sum", "min", "max"}
MAX_LENGTH = 300


class FormulaError(ValueError):
    """The formula is not valid (message in French, shown in the admin)."""


@lru_cache(maxsize=512)
def _parse(text: str) -> ast.expr:
    text = (text or "").strip()
    if not text:
        raise FormulaError("La formule est vide.")
    if len(text) > MAX_LENGTH:
        raise FormulaError("La formule est trop longue.")
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise FormulaError(f"Formule illisible : « {text} ».") from exc
    _check(tree.body)
    return tree.body


def _check(node: ast.AST) -> None:
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, int | float):
            raise FormulaError("Seuls des nombres sont permis comme constantes.")
    elif isinstance(node, ast.Name):
        pass
    elif isinstance(node, ast.BinOp):
        if not isinstance(node.op, ast.Add | ast.Sub | ast.Mult | ast.Div):
            raise FormulaError("Opérations permises : + − * /.")
        _check(node.left)
        _check(node.right)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        _check(node.operand)
    elif isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS or node.keywords:
            raise FormulaError("Fonctions permises : ratio(a, b), sum(…), min(…), max(…).")
        if node.func.id == "ratio" and len(node.args) != 2:
            raise FormulaError("ratio() prend exactement deux arguments.")
        if not node.args:
            raise FormulaError(f"{node.func.id}() a besoin d'au moins un argument.")
        for arg in node.args:
            _check(arg)
    else:
        raise FormulaError("Élément non permis dans la formule.")


def formula_codes(text: str) -> set[str]:
    """The indicator codes a formula refers to (raises FormulaError when it is invalid)."""
    tree = _parse(text)
    functions = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and id(node) not in functions}


def evaluate(text: str, values: Mapping[str, Decimal | None]) -> Decimal | None:
    """Value of the formula, or None when an operand is missing or a division is by zero."""
    return _eval(_parse(text), values)


def _eval(node: ast.expr, values: Mapping[str, Decimal | None]) -> Decimal | None:
    if isinstance(node, ast.Constant):
        return Decimal(str(node.value))
    if isinstance(node, ast.Name):
        return values.get(node.id)
    if isinstance(node, ast.UnaryOp):
        operand = _eval(node.operand, values)
        return None if operand is None else -operand
    if isinstance(node, ast.BinOp):
        left, right = _eval(node.left, values), _eval(node.right, values)
        if left is None or right is None:
            return None
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        if isinstance(node.op, ast.Mult):
            return left * right
        return _divide(left, right)
    assert isinstance(node, ast.Call)  # guaranteed by _check
    name = node.func.id  # type: ignore[attr-defined]
    args = [_eval(arg, values) for arg in node.args]
    if name == "ratio":
        return None if None in args else _divide(args[0], args[1])
    present = [a for a in args if a is not None]
    if name == "sum":
        # A sum of what was answered: blank parts count as nothing, all blank is unknown.
        return sum(present, Decimal(0)) if present else None
    if not present:
        return None
    return min(present) if name == "min" else max(present)


def _divide(left: Decimal, right: Decimal) -> Decimal | None:
    if right == 0:
        return None
    try:
        return (left / right).quantize(Decimal("0.0001"))
    except InvalidOperation:
        return None
