"""The demo holds the five series of the network's page, with past and upcoming editions."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from events.calendar.models import EventSeries

pytestmark = pytest.mark.django_db


def test_demo_has_the_five_series_with_past_and_upcoming_editions(client):
    call_command("load_demo", stdout=StringIO())
    now = timezone.now()
    names = set(EventSeries.objects.values_list("name", flat=True))
    assert names == {
        "Palabres au Mans",
        "Pique-niques solidaires",
        "Le Mans goûte le monde",
        "Le Mans voyage le monde",
        "Le Mans rencontre le monde",
    }
    for series in EventSeries.objects.all():
        assert series.editions.filter(ends_at__lt=now).count() >= 2, series.name
        assert series.editions.filter(ends_at__gte=now).exists(), series.name
    voyage = EventSeries.objects.get(slug="le-mans-voyage-le-monde").editions.filter(ends_at__gte=now).get()
    stages = list(voyage.stages.order_by("position").values_list("name", flat=True))
    assert stages[0] == "Université" and len(stages) == 5
    content = client.get(voyage.get_absolute_url()).content.decode()
    assert "Université" in content and "Union Mancelle des Centres Sociaux" in content
    archive = client.get("/evenements/series/le-mans-goute-le-monde/").content.decode()
    assert "Une belle édition" in archive and 'alt="Le Mans goûte le monde' in archive
    home = client.get("/").content.decode()
    assert "Palabres au Mans" in home
