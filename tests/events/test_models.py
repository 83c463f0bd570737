"""Invariants of editions and stages: clear French errors, database checks behind them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from events.calendar.models import Edition, Stage
from tests import factories

from .factories import StageFactory

pytestmark = pytest.mark.django_db


def test_an_edition_ending_before_it_starts_is_refused():
    edition = factories.EditionFactory.build(
        series=factories.EventSeriesFactory(),
        ends_at=timezone.now(),
        starts_at=timezone.now() + dt.timedelta(hours=2),
    )
    with pytest.raises(ValidationError) as error:
        edition.full_clean()
    assert error.value.message_dict["ends_at"] == ["La fin doit venir après le début."]
    with pytest.raises(IntegrityError), transaction.atomic():
        edition.save()
    assert not Edition.objects.exists()


def test_a_stage_outside_the_edition_is_refused():
    edition = factories.EditionFactory()
    stage = Stage(
        edition=edition, position=1, name="Université", starts_at=edition.ends_at + dt.timedelta(hours=1)
    )
    with pytest.raises(ValidationError) as error:
        stage.full_clean()
    assert "pendant l'édition" in error.value.message_dict["starts_at"][0]
    stage.starts_at = edition.starts_at
    stage.ends_at = edition.ends_at + dt.timedelta(minutes=1)
    with pytest.raises(ValidationError) as error:
        stage.full_clean()
    assert "avant la fin de l'édition" in error.value.message_dict["ends_at"][0]


def test_coordinates_go_in_pairs_and_images_need_a_text_alternative():
    edition = factories.EditionFactory.build(series=factories.EventSeriesFactory(), latitude=Decimal("48.0"))
    with pytest.raises(ValidationError) as error:
        edition.full_clean()
    assert "latitude et la longitude" in error.value.message_dict["longitude"][0]
    edition = factories.EditionFactory.build(series=factories.EventSeriesFactory(), image="events/x.png")
    with pytest.raises(ValidationError) as error:
        edition.full_clean()
    assert "Décrivez l'image" in error.value.message_dict["image_alt"][0]


def test_html_in_a_description_is_refused():
    edition = factories.EditionFactory.build(
        series=factories.EventSeriesFactory(), description="Bonjour <script>alert(1)</script>"
    )
    with pytest.raises(ValidationError) as error:
        edition.full_clean()
    assert "Le HTML n'est pas accepté" in error.value.message_dict["description"][0]


def test_admin_pages_for_events_open(admin_client):
    edition = factories.EditionFactory()
    StageFactory(edition=edition, position=1)
    assert admin_client.get(f"/gestion/events/edition/{edition.pk}/change/").status_code == 200
    assert admin_client.get("/gestion/events/edition/").status_code == 200
    assert admin_client.get("/gestion/events/participation/").status_code == 200
    assert admin_client.get("/gestion/events/eventproposal/").status_code == 200
