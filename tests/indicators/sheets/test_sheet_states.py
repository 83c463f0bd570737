"""A sheet's state reads the same on its badge and its status line; the read-only sheet shows
the totals the form computes."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from indicators.sheets.models import Sheet, SheetStatus
from tests.indicators.conftest import post_data
from tests.indicators.factories import SheetFactory, add_values

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _status_line(page: str) -> str:
    line = re.search(r'data-testid="status-line">(.*?)</p>', page, re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", " ", line).split())


def url(association, year=2026):
    return reverse("indicators:sheet", kwargs={"slug": association.slug, "year": year})


def test_a_refused_first_submission_shows_a_draft_everywhere(client, association, member, indicators):
    client.force_login(member)
    data = post_data(
        indicators, action="submit", personnes="10", passages="40", typologie__f="6", typologie__h="9"
    )
    page = _text(client.post(url(association), data))
    assert "Vos saisies sont enregistrées comme brouillon" in page
    assert Sheet.objects.get(association=association).status == SheetStatus.DRAFT
    line = _status_line(page)
    assert line.startswith("Brouillon : à transmettre avant le"), line
    assert "Non commencée" not in line and "Brouillon Brouillon" not in line
    assert 'class="badge status-draft"' in page


def test_each_state_is_named_once(client, association, member, indicators):
    client.force_login(member)
    assert _status_line(_text(client.get(url(association)))).startswith(
        "Non commencée : à transmettre avant le"
    )
    sheet = SheetFactory(association=association, campaign=indicators["personnes"].campaigns.get())
    assert _status_line(_text(client.get(url(association)))).startswith("Brouillon : à transmettre avant le")
    sheet.status, sheet.submitted_at = SheetStatus.SUBMITTED, "2026-11-20T09:00:00Z"
    sheet.save()
    line = _status_line(_text(client.get(url(association))))
    assert line == "Transmise le vendredi 20 novembre 2026 : en cours d'examen par le CCAS."


def test_the_read_only_sheet_totals_its_breakdown_like_the_form(client, association, member, indicators):
    sheet = SheetFactory(
        association=association,
        campaign=indicators["personnes"].campaigns.get(),
        status="validated",
        validated_at="2026-11-20T09:00:00Z",
    )
    add_values(sheet, indicators, personnes=840, typologie__f=500, typologie__h=340)
    client.force_login(member)
    page = _text(client.get(url(association)))
    assert "Total\xa0: 840" in page


def test_a_breakdown_held_as_its_total_only_shows_that_total(client, association, member, indicators):
    sheet = SheetFactory(
        association=association,
        campaign=indicators["personnes"].campaigns.get(),
        status="validated",
        validated_at="2026-11-20T09:00:00Z",
    )
    add_values(sheet, indicators, personnes=840, typologie=840)  # no parts: an imported sheet
    client.force_login(member)
    page = _text(client.get(url(association)))
    assert "Total\xa0: 840" in page and "Total\xa0: —" not in page
