"""The congress's public page: the next edition with its registration open, else the last one
told in the past tense."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.congress.factories import programme

pytestmark = pytest.mark.django_db


def test_congress_page_shows_the_next_edition_with_registration_open(client):
    factories.CongressEditionFactory(year=2024, starts_on=dt.date(2024, 2, 2), ends_on=dt.date(2024, 2, 3))
    p = programme()
    page = client.get(reverse("congress:index")).content.decode()
    assert "Prochaine édition" in page and p["edition"].title in page
    assert "Le congrès se tiendra" in page
    assert reverse("congress:register", args=[p["edition"].year]) in page
    assert "Ouverture" in page  # the programme


def test_without_a_next_edition_the_last_one_is_told_in_the_past_tense(client):
    past = factories.CongressEditionFactory(
        year=2024,
        starts_on=dt.date(2024, 2, 2),
        ends_on=dt.date(2024, 2, 3),
        outcome="Un cahier remis aux parlementaires.",
        cahier_published_at=timezone.now(),
    )
    page = client.get(reverse("congress:index")).content.decode()
    assert "Dernière édition" in page and "s&#x27;est tenu" in page.replace("'", "&#x27;")
    assert "Cette édition est terminée" in page
    assert "Un cahier remis aux parlementaires." in page
    assert reverse("congress:cahier", args=[past.year]) in page
    assert "S&#x27;inscrire" not in page and "S'inscrire" not in page
