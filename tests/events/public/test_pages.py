"""The public pages: list (upcoming first, filters in the URL, month view), edition page (French
dates, map, stages, participants, JSON-LD, Open Graph), series archive, home page."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests import factories
from tests.events.factories import ParticipationFactory, StageFactory

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def _at(year, month, day, hour, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=PARIS)


def _json_ld(content: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_list_shows_upcoming_first_and_keeps_the_past_in_the_archive(client):
    year = timezone.localdate().year
    series = factories.EventSeriesFactory(name="Palabres au Mans", slug="palabres-au-mans")
    later = factories.EditionFactory(
        series=series, title="Palabres B", starts_at=timezone.now() + dt.timedelta(days=60)
    )
    sooner = factories.EditionFactory(
        series=series, title="Palabres A", starts_at=timezone.now() + dt.timedelta(days=5)
    )
    past = factories.EditionFactory(
        series=series,
        title=f"Palabres {year - 1}",
        starts_at=_at(year - 1, 3, 12, 14),
        report="Cent personnes.",
    )
    content = client.get("/evenements/").content.decode()
    assert content.index(sooner.title) < content.index(later.title)
    assert past.title not in content
    archive = client.get(series.get_absolute_url()).content.decode()
    assert past.title in archive and "Cent personnes." in archive


def test_filters_live_in_the_url_and_bad_values_get_a_french_message(client):
    sablons = factories.EditionFactory(title="Fête aux Sablons", quartier="sablons")
    centre = factories.EditionFactory(title="Fête au centre", quartier="centre")
    content = client.get("/evenements/?quartier=sablons").content.decode()
    assert sablons.title in content and centre.title not in content
    response = client.get("/evenements/?quartier=lune&mois=2027-13")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Sélectionnez un choix valide" in body and "Mois inconnu" in body
    assert sablons.title in body  # the invalid filters are ignored


def test_structure_filter_and_kind_filter(client):
    association = factories.AssociationFactory(name="Manou Partages", slug="manou-partages")
    with_it = factories.EditionFactory(title="Avec Manou")
    ParticipationFactory(edition=with_it, association=association, status="accepted")
    ParticipationFactory(edition=factories.EditionFactory(title="En attente"), association=association)
    content = client.get("/evenements/?structure=manou-partages").content.decode()
    assert "Avec Manou" in content and "En attente</a>" not in content
    other = factories.EditionFactory(
        title="Goûte le monde",
        series=factories.EventSeriesFactory(
            name="Le Mans goûte le monde", slug="goute", kind="interculturel"
        ),
    )
    content = client.get("/evenements/?type=interculturel").content.decode()
    assert other.title in content and "Avec Manou" not in content


def test_month_view_places_editions_on_their_days(client):
    year = timezone.localdate().year + 1
    factories.EditionFactory(title="Pique-nique de juin", starts_at=_at(year, 6, 18, 12))
    factories.EditionFactory(title="Palabres de mars", starts_at=_at(year, 3, 12, 14))
    content = client.get(f"/evenements/?vue=mois&mois={year}-06").content.decode()
    assert f"Agenda de juin {year}" in content
    assert "Pique-nique de juin" in content and "Palabres de mars" not in content
    assert f"mois={year}-07" in content and f"mois={year}-05" in content


def test_edition_page_dates_map_stages_participants_and_structured_data(client):
    year = timezone.localdate().year + 1
    edition = factories.EditionFactory(
        title=f"Le Mans voyage le monde {year}",
        starts_at=_at(year, 3, 12, 14),
        ends_at=_at(year, 3, 12, 18),
        venue_name="Place de la République",
        street="Place de la République",
        postcode="72000",
        latitude=Decimal("48.007400"),
        longitude=Decimal("0.198500"),
        summary="Un voyage en tramway.",
    )
    StageFactory(edition=edition, position=2, name="Préfecture", starts_at=_at(year, 3, 12, 16))
    StageFactory(edition=edition, position=1, name="Université", starts_at=_at(year, 3, 12, 14, 30))
    association = factories.AssociationFactory(name="Manou Partages")
    ParticipationFactory(edition=edition, association=association, status="accepted")
    ParticipationFactory(edition=edition, association=factories.AssociationFactory(name="Pas encore"))
    response = client.get(edition.get_absolute_url())
    content = response.content.decode()
    weekday = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"][
        edition.start_date.weekday()
    ]
    assert f"{weekday} 12 mars {year}, de 14\u00a0h à 18\u00a0h" in content
    assert content.index("Université") < content.index("Préfecture")  # stages in order
    assert 'id="map-data"' in content and 'id="directory-map"' in content  # the directory's map
    assert f'href="{association.get_absolute_url()}"' in content and "Pas encore" not in content
    assert 'property="og:title"' in content and f"/evenements/{edition.slug}/agenda.ics" in content
    data = _json_ld(content)
    assert data["@type"] == "Event" and data["name"] == edition.title
    assert (
        data["startDate"] == f"{year}-03-12T14:00:00+01:00"
        and data["endDate"] == f"{year}-03-12T18:00:00+01:00"
    )
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["geo"] == {"@type": "GeoCoordinates", "latitude": 48.0074, "longitude": 0.1985}
    assert data["location"]["address"]["postalCode"] == "72000"
    assert data["isAccessibleForFree"] is True and data["organizer"] and data["description"]
    assert [s["name"].split(" — ")[1] for s in data["subEvent"]] == ["Université", "Préfecture"]


def test_several_days_and_cancelled_edition(client):
    year = timezone.localdate().year + 1
    edition = factories.EditionFactory(
        title="Congrès",
        starts_at=_at(year, 2, 2, 9),
        ends_at=_at(year, 2, 3, 17),
        all_day=True,
        status="cancelled",
    )
    content = client.get(edition.get_absolute_url()).content.decode()
    assert f"du 2 au 3 février {year}" in content
    assert "Cette édition est annulée." in content
    assert _json_ld(content)["eventStatus"] == "https://schema.org/EventCancelled"
    assert _json_ld(content)["startDate"] == f"{year}-02-02"


def test_descriptions_never_run_html(client):
    edition = factories.EditionFactory(
        description="**Gras**\n\n<script>alert('x')</script><img src=x onerror=alert(1)>"
    )
    content = client.get(edition.get_absolute_url()).content.decode()
    assert "<strong>Gras</strong>" in content
    assert "<script>alert" not in content and "onerror" not in content


def test_json_ld_cannot_close_its_script_element(client):
    edition = factories.EditionFactory(title="Fête </script><script>alert(1)</script>")
    content = client.get(edition.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in content
    assert _json_ld(content)["name"] == edition.title


def test_unknown_edition_is_a_french_404(client):
    assert client.get("/evenements/nexiste-pas/").status_code == 404


def test_home_shows_the_next_three_editions_and_a_cancellation(client):
    for days in (3, 6, 9, 12):
        factories.EditionFactory(
            title=f"Dans {days} jours", starts_at=timezone.now() + dt.timedelta(days=days)
        )
    factories.EditionFactory(
        title="Annulé bientôt", starts_at=timezone.now() + dt.timedelta(days=1), status="cancelled"
    )
    content = client.get("/").content.decode()
    assert "Annulé bientôt" in content and 'data-testid="home-event-cancelled"' in content
    assert "Dans 3 jours" in content and "Dans 6 jours" in content and "Dans 9 jours" not in content


def test_directory_card_lists_the_events_a_structure_takes_part_in(client):
    association = factories.AssociationFactory(name="Manou Partages", slug="manou-partages")
    ParticipationFactory(
        edition=factories.EditionFactory(title="Le Mans rencontre le monde"),
        association=association,
        status="accepted",
    )
    ParticipationFactory(
        edition=factories.EditionFactory(title="Refusée"), association=association, status="declined"
    )
    content = client.get(association.get_absolute_url()).content.decode()
    assert 'data-testid="structure-events"' in content
    assert "Le Mans rencontre le monde" in content and "Refusée" not in content


def test_the_cached_list_shows_a_change_on_the_next_request(client, django_capture_on_commit_callbacks):
    edition = factories.EditionFactory(title="Pique-nique du printemps")
    assert "Pique-nique du printemps" in client.get("/evenements/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        edition.title = "Pique-nique de l'été"
        edition.status = "cancelled"
        edition.save()
    content = client.get("/evenements/").content.decode()
    assert "Pique-nique de l&#x27;été" in content and "Pique-nique du printemps" not in content
    assert 'data-testid="edition-status">Annulé' in content
