"""Opening hours that tell the truth (issue #13): public holidays, temporary closures, « ouvert
aujourd'hui », the card's « Ouvert · ferme à 17 h », a service's own hours — at frozen dates."""

import datetime as dt
import html
import re
import zoneinfo

import pytest
from django.utils import timezone

from associations.structures.hours import holiday_name, opening_state
from associations.structures.models import Thematique
from associations.structures.services import thematiques_sync
from tests import factories

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
WEEKDAYS = "Mo-Fr 09:00-12:00,14:00-17:00"


def names(response) -> list[str]:
    return re.findall(r'<h2><a href="/annuaire/[^"]+/">([^<]+)</a>', response.content.decode())


@pytest.fixture
def frozen(monkeypatch):
    """frozen(year, month, day, hour, minute=0): Django's clock stops at that Paris time."""

    def freeze(*args):
        moment = dt.datetime(*args, tzinfo=PARIS)
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return freeze


def test_christmas_morning_lists_no_place_closed_on_holidays(client, frozen):
    frozen(2026, 12, 25, 10)  # Friday 25 December 2026
    assert holiday_name(dt.date(2026, 12, 25)) == "Noël"
    factories.AssociationFactory(name="Fermée les fériés", opening_hours=f"{WEEKDAYS}; PH off")
    factories.AssociationFactory(name="Ouverte même à Noël", opening_hours="Mo-Su 08:00-20:00")
    assert names(client.get("/annuaire/", {"ouvert": "on"})) == ["Ouverte même à Noël"]
    assert names(client.get("/annuaire/", {"aujourdhui": "on"})) == ["Ouverte même à Noël"]
    content = html.unescape(client.get("/annuaire/").content.decode())
    assert "Fermé · ouvre lundi à 9\u00a0h" in content
    assert "Aujourd'hui\u00a0: fermé (Noël, jour férié)" in content


def test_the_detail_page_does_not_say_open_on_a_holiday(client, frozen):
    frozen(2026, 12, 25, 10)
    association = factories.AssociationFactory(name="Fermée les fériés", opening_hours=f"{WEEKDAYS}; PH off")
    content = client.get(association.get_absolute_url()).content.decode()
    assert "Fermé · ouvre lundi à 9\u00a0h" in content
    assert "Ouvert en ce moment" not in content


def test_an_ordinary_day_card_says_when_it_closes_and_shows_today_and_phone(client, frozen):
    frozen(2026, 12, 22, 15, 30)  # Tuesday
    factories.AssociationFactory(name="Ouverte", opening_hours=WEEKDAYS, phone="02 43 00 00 01")
    content = html.unescape(client.get("/annuaire/", {"ouvert": "on"}).content.decode())
    assert "Ouvert · ferme à 17\u00a0h" in content
    assert "Aujourd'hui\u00a0: 9\u00a0h – 12\u00a0h et 14\u00a0h – 17\u00a0h" in content
    assert 'href="tel:0243000001"' in content


def test_open_today_keeps_places_that_open_later(client, frozen):
    frozen(2026, 12, 22, 8)  # Tuesday, before opening
    factories.AssociationFactory(name="Ouvre à 9 h", opening_hours=WEEKDAYS)
    factories.AssociationFactory(name="Samedi seulement", opening_hours="Sa 09:00-12:00")
    assert names(client.get("/annuaire/", {"ouvert": "on"})) == []
    assert names(client.get("/annuaire/", {"aujourdhui": "on"})) == ["Ouvre à 9 h"]
    assert "Fermé · ouvre à 9\u00a0h" in html.unescape(client.get("/annuaire/").content.decode())


def test_a_temporary_closure_counts(client, frozen):
    frozen(2026, 12, 22, 10)
    factories.AssociationFactory(
        name="En travaux",
        opening_hours=WEEKDAYS,
        closed_from=dt.date(2026, 12, 21),
        closed_until=dt.date(2027, 1, 3),
    )
    factories.AssociationFactory(name="Ouverte", opening_hours=WEEKDAYS)
    assert names(client.get("/annuaire/", {"ouvert": "on"})) == ["Ouverte"]
    content = html.unescape(client.get("/annuaire/").content.decode())
    assert "Fermé temporairement · rouvre le lundi 4 janvier à 9\u00a0h" in content


def test_a_service_with_its_own_hours_decides_when_its_thematique_is_filtered(client, frozen):
    frozen(2026, 12, 22, 8, 30)  # Tuesday: the shower opens at 8, the structure at 9
    thematiques_sync()
    showers = Thematique.objects.get(slug="hygiene-douches")
    centre = factories.AssociationFactory(name="Accueil de jour", opening_hours=WEEKDAYS)
    factories.DirectoryServiceFactory(
        association=centre, name="Douches", opening_hours="Mo-Fr 08:00-11:00", thematiques=[showers]
    )
    other = factories.AssociationFactory(name="Autre accueil", opening_hours=WEEKDAYS)
    factories.DirectoryServiceFactory(association=other, name="Douches", thematiques=[showers])
    # The structure is closed at 8:30, but its showers are open.
    assert names(client.get("/annuaire/", {"ouvert": "on"})) == []
    assert names(client.get("/annuaire/", {"ouvert": "on", "thematique": "hygiene-douches"})) == [
        "Accueil de jour"
    ]
    content = client.get("/annuaire/", {"q": "accueil de jour"}).content.decode()
    assert "Douches · gratuit · Ouvert · ferme à 11\u00a0h" in content


def test_opening_state_edge_cases():
    tuesday = dt.datetime(2026, 12, 22, 10)
    assert opening_state("", now=tuesday) is None
    assert opening_state("n'importe quoi", now=tuesday) is None
    assert opening_state("24/7", now=tuesday).label == "Ouvert"
    state = opening_state("Mo 22:00-02:00", now=dt.datetime(2026, 12, 21, 23))
    assert state.label == "Ouvert · ferme demain à 2\u00a0h"
    assert opening_state("Sa 09:00-12:00", now=tuesday).label == "Fermé · ouvre samedi à 9\u00a0h"


def test_on_christmas_the_demo_lists_no_structure_closed_on_holidays(client, frozen):
    from io import StringIO

    from associations.structures import demo
    from associations.structures.models import Association

    demo.load(stdout=StringIO())
    closed = set(Association.objects.filter(opening_hours__contains="PH off").values_list("name", flat=True))
    assert closed  # the demo has structures closed on public holidays
    frozen(2026, 12, 25, 10)
    listed = [html.unescape(name) for name in names(client.get("/annuaire/", {"ouvert": "on"}))]
    assert listed  # some places are open on Christmas morning
    assert not closed & set(listed)
    assert "Ouvert · " not in html.unescape(
        client.get(
            Association.objects.filter(opening_hours__contains="PH off").first().get_absolute_url()
        ).content.decode()
    )
