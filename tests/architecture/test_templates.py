"""Templates ask the model what a thing is: `registration.is_confirmed`, `sheet.is_with_ccas`,
never `registration.status == "confirmed"`. A rule written in a template is a second copy of
the one in Python, and the two drift apart (the « submitted or validated » rule once stood in
four places)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TAG = re.compile(r"{%-?\s*(?:if|elif)\b(.*?)-?%}", re.DOTALL)
LITERAL = r"""(?:"[^"]*"|'[^']*')"""
# Anything whose last name speaks of a status or a state: `status`, `row.sheet_status`,
# `registration_state`, `b.get_status_display`…
SUBJECT = r"[\w.]*(?:status|state)\w*"
COMPARED = re.compile(
    rf"{SUBJECT}\s*(?:==|!=|(?:not\s+)?in)\s*{LITERAL}|{LITERAL}\s*(?:==|!=)\s*{SUBJECT}\b",
    re.IGNORECASE,
)


def status_comparisons(text: str) -> list[str]:
    """The comparisons of a status or a state to a literal in a template's `if` / `elif` tags."""
    return [found.group(0) for tag in TAG.finditer(text) for found in COMPARED.finditer(tag.group(1))]


def _templates() -> list[Path]:
    return sorted(path for path in ROOT.glob("**/templates/**/*") if path.suffix in {".html", ".txt"})


def test_no_template_compares_a_status_to_a_literal():
    offenders = [
        f"{path.relative_to(ROOT)}: {comparison}"
        for path in _templates()
        if ".venv" not in path.parts
        for comparison in status_comparisons(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "ask the model (a property such as is_confirmed):\n" + "\n".join(offenders)


def test_the_checker_finds_each_way_of_writing_it():
    """The checker itself can fail, and passes over what is not a comparison to a literal."""
    found = status_comparisons(
        '{% if registration.status == "confirmed" %}{% elif "offered" != b.status %}'
        "{% if row.sheet_status == 'submitted' or x %}{% if registration_state == \"open\" %}"
        '{% if s.get_status_display == "Signée" %}{%- if sheet.state in "draft returned" -%}'
    )
    assert len(found) == 6
    assert (
        status_comparisons(
            "{% if registration.is_confirmed %}{% if value == row.sheet_status %}"
            '{% for paper, label, status in badges %}<p class="status-{{ s.status }}">'
            '{{ s.status|default:"none" }}{% if change.kind == "image" %}'
        )
        == []
    )
