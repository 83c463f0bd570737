"""The flat events of migration 0001 become editions of one series per former kind."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

AFTER = [("events", "0002_series_editions_stages_participations")]


def test_flat_events_become_series_and_editions():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate([("events", "0001_initial")])
    old_apps = executor.loader.project_state([("events", "0001_initial")]).apps
    Event = old_apps.get_model("events", "Event")
    starts = timezone.now() + dt.timedelta(days=30)
    Event.objects.create(
        title="Palabres au Mans 2027",
        slug="palabres-au-mans-2027",
        kind="palabres",
        status="published",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=4),
        location="Salle des Concerts",
    )
    Event.objects.create(
        title="Pique-nique solidaire 2027",
        slug="pique-nique-solidaire-2027",
        kind="pique_nique",
        status="cancelled",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=3),
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new_apps = executor.loader.project_state(AFTER).apps
    Edition = new_apps.get_model("events", "Edition")
    palabres = Edition.objects.get(slug="palabres-au-mans-2027")
    assert (palabres.series.slug, palabres.series.kind, palabres.venue_name) == (
        "palabres-au-mans",
        "temps_fort",
        "Salle des Concerts",
    )
    assert Edition.objects.get(slug="pique-nique-solidaire-2027").status == "cancelled"

    MigrationExecutor(connection).migrate(latest)
