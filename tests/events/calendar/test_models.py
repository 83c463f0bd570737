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
from tests.events.factories import StageFactory

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


def test_admin_refuses_a_stage_outside_the_new_dates_and_saves_nothing(admin_client):
    edition = factories.EditionFactory(title="Le Mans voyage le monde")
    local = timezone.localtime(edition.starts_at)
    day, start = local.strftime("%Y-%m-%d"), local.strftime("%H:%M")
    late = (local + dt.timedelta(hours=5)).strftime("%H:%M")
    data = {
        "series": edition.series_id,
        "title": "Le Mans voyage le monde (modifié)",
        "slug": edition.slug,
        "status": "scheduled",
        "starts_at_0": day,
        "starts_at_1": start,
        "ends_at_0": day,
        "ends_at_1": (local + dt.timedelta(hours=3)).strftime("%H:%M"),
        "city": "Le Mans",
        "is_free": "on",
        "stages-TOTAL_FORMS": "1",
        "stages-INITIAL_FORMS": "0",
        "stages-0-position": "1",
        "stages-0-name": "Antarès",
        "stages-0-starts_at_0": day,
        "stages-0-starts_at_1": late,
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
    }
    response = admin_client.post(f"/gestion/events/edition/{edition.pk}/change/", data)
    assert response.status_code == 200
    assert "L&#x27;étape doit se tenir pendant l&#x27;édition" in response.content.decode()
    edition.refresh_from_db()
    assert edition.title == "Le Mans voyage le monde" and not Stage.objects.exists()
    data["stages-0-starts_at_1"] = start
    response = admin_client.post(f"/gestion/events/edition/{edition.pk}/change/", data)
    assert response.status_code == 302
    assert Stage.objects.get().name == "Antarès"
