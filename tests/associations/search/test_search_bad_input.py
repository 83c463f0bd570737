"""The directory search given what people really type, and worse (issue 21, « Bad input »):
one letter, 200 characters, only stop words, emoji, mixed scripts. Always a page in French,
never a 500, and the words that mean nothing are not searched for."""

import re

import pytest

from associations.search.selectors import query_words, word_expressions
from tests import factories

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return re.findall(r'<h2><a href="/annuaire/[^"]+/">([^<]+)</a>', response.content.decode())


@pytest.fixture
def directory():
    factories.AssociationFactory(name="Épicerie solidaire des Sablons", summary="Produits à petit prix.")
    factories.AssociationFactory(name="Café associatif", summary="")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("x", []),  # one letter: a whole word only, found nowhere
        ("é", []),
        ("de la", ["Café associatif", "Épicerie solidaire des Sablons"]),  # only stop words: no words
        ("🛒🥖", ["Café associatif", "Épicerie solidaire des Sablons"]),  # only emoji: no words
        ("épiceries 🛒", ["Épicerie solidaire des Sablons"]),
        ("ÉPICERIES SOLIDAIRES", ["Épicerie solidaire des Sablons"]),
        ("épicerie Кафе", []),  # mixed scripts: each word must be found
        ("café", ["Café associatif"]),
        ("e" * 200, []),
        ("épicerie " * 22, ["Épicerie solidaire des Sablons"]),  # 198 characters, 8 words kept
    ],
)
def test_odd_queries_give_a_french_page(client, directory, query, expected):
    response = client.get("/annuaire/", {"q": query})
    assert response.status_code == 200
    assert names(response) == expected
    content = response.content.decode()
    if not expected:
        assert "Aucune structure trouvée" in content


def test_a_query_over_200_characters_is_refused_in_french(client, directory):
    response = client.get("/annuaire/", {"q": "é" * 201})
    assert response.status_code == 200
    assert "au plus 200 caractères" in response.content.decode()


def test_symbols_and_stop_words_are_not_searched_for():
    # anyascii would spell « 😀 » as « :grinning: » and « 🇫🇷 » as « FR ».
    assert query_words("😀 Les épiceries de la ville 🇫🇷") == ["epiceries", "ville"]
    assert query_words("de la du aux") == []
    assert word_expressions("au les") == ()


def test_a_staff_phrase_is_read_as_one_need(client):
    from associations.search.models import SearchSynonym

    centre = factories.AssociationFactory(name="Centre social", summary="Accompagnement à la scolarité.")
    SearchSynonym.objects.create(term="aide aux devoirs", expansions="accompagnement à la scolarité")
    # « aide » is nowhere in the card: the phrase, not its words, counts.
    assert word_expressions("aides aux devoirs")[0][0] == "aides devoirs"
    assert names(client.get("/annuaire/", {"q": "aides aux devoirs"})) == [centre.name]
    assert names(client.get("/annuaire/", {"q": "aide aux devoirs le soir"})) == []


@pytest.mark.parametrize("query", ["de la", "🛒", "  les   aux "])
def test_a_query_of_nothing_searchable_says_so(client, directory, query):
    content = client.get("/annuaire/", {"q": query}).content.decode()
    assert "ne contient que des mots trop courants" in content
    assert "2 structures trouvées" in content
    content = client.get("/annuaire/", {"q": "épicerie de la"}).content.decode()
    assert "ne contient que des mots trop courants" not in content
