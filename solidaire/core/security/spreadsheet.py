"""Cells for CSV and XLSX exports that a spreadsheet cannot run as formulas.

Structures write their own name (and other card fields) and staff open the exports in a
spreadsheet: a text starting with = + - @ (or a tab / carriage return) would be read as a
formula (CSV injection, and openpyxl even stores such strings as formulas). Such texts get a
leading apostrophe. Numbers meant to be summed are passed as numbers, never as text.
"""

from __future__ import annotations

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """`value` unchanged unless it is a text a spreadsheet would take for a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_row(row) -> list:
    return [safe_cell(value) for value in row]
