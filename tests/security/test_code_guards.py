"""Cheap guards over the source: what a review found acceptable stays the only exception."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
APPS = ["solidaire", "associations", "charter", "indicators", "events", "congress"]
TEMPLATES = ROOT / "templates"
# Reviewed: the cached directory and events results (rendered by our own templates,
# autoescaped), developers' form help texts (constants with &nbsp;, never user input) and the
# events' JSON-LD (json.dumps with <, > and & escaped: events/public/structured.py).
SAFE_ALLOWED = {
    "associations/association_list.html",
    "includes/form_field.html",  # help texts are written in the code, never typed by users
    "events/edition_list.html",
    "events/edition_detail.html",
}


def _python_files():
    for app in APPS:
        yield from (p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts)


def test_no_view_is_csrf_exempt():
    assert [p for p in _python_files() if "csrf_exempt" in p.read_text()] == []


def test_autoescape_is_off_only_in_plain_text_emails():
    offenders = [
        str(p.relative_to(TEMPLATES))
        for p in TEMPLATES.rglob("*")
        if p.is_file()
        and "autoescape off" in p.read_text()
        and not (p.suffix == ".txt" and "emails" in p.parts)
    ]
    assert offenders == []


def test_safe_filter_only_where_reviewed():
    used = {
        str(p.relative_to(TEMPLATES))
        for p in TEMPLATES.rglob("*.html")
        if re.search(r"\|\s*safe\b", p.read_text())
    }
    assert used <= SAFE_ALLOWED


def test_csp_allows_no_inline_code():
    for sources in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"].values():
        assert not {"'unsafe-inline'", "'unsafe-eval'"} & set(sources)
