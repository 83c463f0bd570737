"""The list page, the month view, the feed and an edition page run a fixed number of queries,
whatever the number of editions (10 or 2,000).

The feed's first request after editions change also rewrites their stored VEVENTs (one UPDATE
per 500): each count is taken on a second request, the steady state a calendar app sees."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.calendar.models import Edition
from tests import factories
from tests.events.factories import ParticipationFactory, StageFactory

pytestmark = pytest.mark.django_db


def _editions(count: int) -> None:
    series = factories.EventSeriesFactory()
    start = timezone.now() + dt.timedelta(days=1)
    Edition.objects.bulk_create(
        Edition(
            series=series,
            title=f"Édition {n}",
            slug=f"edition-{n}",
            starts_at=start + dt.timedelta(hours=6 * n),
            ends_at=start + dt.timedelta(hours=6 * n + 3),
            venue_name="Jardin des Plantes",
            quartier="centre",
        )
        for n in range(count)
    )


def _queries(client, url: str) -> int:
    client.get(url)
    cache.clear()  # the list's rendered results are cached: count the path that builds them
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


URLS = [
    "/evenements/",
    "/evenements/?quartier=centre&type=temps_fort&page=2",
    "/evenements/?vue=mois",
    "/evenements/calendrier.ics",
    "/evenements/calendrier.ics?structure=manou-partages",
    "/evenements/series/pique-niques-solidaires/",
]


@pytest.mark.parametrize("url", URLS)
def test_query_count_does_not_grow_with_editions(client, url, django_assert_max_num_queries):
    _editions(10)
    manou = factories.AssociationFactory(slug="manou-partages")
    ParticipationFactory(edition=Edition.objects.first(), association=manou, status="accepted")
    few = _queries(client, url)
    existing = Edition.objects.count()
    series = factories.EventSeriesFactory()
    start = timezone.now() + dt.timedelta(days=2)
    Edition.objects.bulk_create(
        Edition(
            series=series,
            title=f"Autre édition {n}",
            slug=f"autre-edition-{n}",
            starts_at=start + dt.timedelta(hours=2 * n),
            ends_at=start + dt.timedelta(hours=2 * n + 1),
            quartier="centre",
        )
        for n in range(2000 - existing)
    )
    for edition in Edition.objects.order_by("pk")[:50]:
        ParticipationFactory(edition=edition, status="accepted")
    assert Edition.objects.count() == 2000
    client.get(url)
    cache.clear()
    with django_assert_max_num_queries(few):
        assert client.get(url).status_code == 200


def test_edition_page_query_count_is_fixed(client, django_assert_max_num_queries):
    edition = factories.EditionFactory()
    StageFactory(edition=edition, position=1)
    ParticipationFactory(edition=edition, status="accepted")
    few = _queries(client, edition.get_absolute_url())
    for position in range(2, 12):
        StageFactory(edition=edition, position=position)
    for _ in range(10):
        ParticipationFactory(edition=edition, status="accepted")
    with django_assert_max_num_queries(few):
        assert client.get(edition.get_absolute_url()).status_code == 200
