"""The directory says what it did: the map counts the structures found without a location, the
printed list states the criteria that produced it, and a search without results gets advice that
fits what was asked (« Essayez d'en retirer un » only when filters were chosen)."""

from __future__ import annotations

import html

import pytest
from django.core.cache import cache

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _text(response) -> str:
    return html.unescape(response.content.decode()).replace("\u00a0", " ").replace("\u202f", " ")


def test_the_map_says_how_many_structures_have_no_location(client):
    factories.AssociationFactory(name="Située", latitude="48.0061", longitude="0.1996", quartier="sablons")
    factories.AssociationFactory(name="Sans position", quartier="sablons")
    content = _text(client.get("/annuaire/carte/", {"quartier": "sablons"}))
    said = "1 structure sur la carte ; 1 structure n'a pas d'adresse localisée et n'apparaît que dans"
    assert said in content
    assert 'href="/annuaire/?quartier=sablons">la liste</a>' in content

    factories.AssociationFactory(name="Sans position 2", quartier="sablons")
    cache.clear()
    content = _text(client.get("/annuaire/carte/", {"quartier": "sablons"}))
    assert "2 structures n'ont pas d'adresse localisée et n'apparaissent que dans" in content


def test_the_map_says_nothing_more_when_every_structure_is_located(client):
    factories.AssociationFactory(name="Située", latitude="48.0061", longitude="0.1996")
    content = _text(client.get("/annuaire/carte/"))
    assert "1 structure sur la carte." in content and "adresse localisée" not in content


def test_the_printed_list_states_its_criteria(client):
    factories.AssociationFactory(name="Épicerie des Sablons", quartier="sablons")
    criteria = {"q": "epicerie", "quartier": "sablons", "gratuit": "on"}
    content = _text(client.get("/annuaire/imprimer/", criteria))
    assert "Critères de la recherche : « epicerie » ; Quartier : Les Sablons ; Gratuit uniquement." in content
    content = _text(client.get("/annuaire/imprimer/"))
    assert "Aucun critère : toutes les structures de l'annuaire." in content


def test_no_result_advice_fits_what_was_asked(client):
    factories.AssociationFactory(name="Épicerie des Sablons", quartier="sablons")
    words_only = _text(client.get("/annuaire/", {"q": "zzzzqqq"}))
    assert "Aucune structure ne correspond à « zzzzqqq »" in words_only
    assert "Essayez d'en retirer un" not in words_only

    with_filters = _text(client.get("/annuaire/", {"q": "zzzzqqq", "quartier": "centre"}))
    assert "Aucune structure ne correspond à ces critères. Essayez d'en retirer un" in with_filters
