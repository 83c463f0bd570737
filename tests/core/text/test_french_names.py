"""Names after « de / à / le » and counts read as French: « d'Épicerie », « à l'Épicerie »,
« du Mans », « aux Restos », « aucune fiche » — in the helper, its filter and the pages."""

from __future__ import annotations

import html
import re

import pytest
from django.template import Context, Template
from django.urls import reverse

from solidaire.core.text.french import format_count, is_feminine, with_preposition
from tests import factories


@pytest.mark.parametrize(
    ("name", "de", "a", "le"),
    [
        ("Épicerie solidaire", "d'Épicerie solidaire", "à l'Épicerie solidaire", "l'Épicerie solidaire"),
        ("Atelier vélo", "d'Atelier vélo", "à l'Atelier vélo", "l'Atelier vélo"),
        (
            "Habitat et Humanisme",
            "d'Habitat et Humanisme",
            "à l'Habitat et Humanisme",
            "l'Habitat et Humanisme",
        ),
        ("Halte de nuit", "de Halte de nuit", "à Halte de nuit", "Halte de nuit"),  # aspirated h
        (
            "Le Mans voyage le monde",
            "du Mans voyage le monde",
            "au Mans voyage le monde",
            "le Mans voyage le monde",
        ),
        ("Les Restos du cœur", "des Restos du cœur", "aux Restos du cœur", "les Restos du cœur"),
        ("La Croix-Rouge", "de la Croix-Rouge", "à la Croix-Rouge", "la Croix-Rouge"),
        ("L'Escale", "de l'Escale", "à l'Escale", "l'Escale"),
        ("Secours populaire", "de Secours populaire", "à Secours populaire", "Secours populaire"),
        ("Lesbos accueil", "de Lesbos accueil", "à Lesbos accueil", "Lesbos accueil"),  # not « Les »
    ],
)
def test_names_after_a_preposition(name, de, a, le):
    assert with_preposition(name, "de") == de
    assert with_preposition(name, "à") == a
    assert with_preposition(name, "le") == le


def test_a_person_after_de_is_elided():
    assert with_preposition("Aïcha Durand", "de") == "d'Aïcha Durand"
    assert with_preposition("", "de") == ""


def test_the_filter_escapes_the_name_but_not_the_elision():
    template = Template('{% load portal %}Espace {{ name|prep:"de" }} — {{ title|prep:"à" }}')
    page = template.render(Context({"name": "Épicerie <b>", "title": "Le Mans voyage le monde"}))
    assert page == "Espace d'Épicerie &lt;b&gt; — au Mans voyage le monde"
    plain = Template('{% load portal %}{% autoescape off %}{{ name|prep:"de" }}{% endautoescape %}')
    assert plain.render(Context({"name": "Aïcha & Co"})) == "d'Aïcha & Co"


@pytest.mark.parametrize(
    ("count", "singular", "feminine", "expected"),
    [
        (0, "relance envoyée", True, "aucune relance envoyée"),
        (0, "document", False, "aucun document"),
        (1, "fiche validée", True, "1 fiche validée"),
        (25, "fiche validée", True, "25 fiches validées"),
        (2, "structure déjà relancée", True, "2 structures déjà relancées"),
        (3, "pratique du réseau", True, "3 pratiques du réseau"),
        (1234, "bureau", False, "1\u202f234 bureaux"),
    ],
)
def test_counts(count, singular, feminine, expected):
    assert format_count(count, singular, feminine=feminine) == expected


def test_gender_of_record_names():
    assert is_feminine("structures") and is_feminine("fiches d'indicateurs")
    assert not is_feminine("services") and not is_feminine("indicateurs de référence")


def _text(response) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.mark.django_db
def test_pages_elide_the_structure_name(client, member_of):
    association = factories.AssociationFactory(name="Épicerie des Sablons")
    client.force_login(member_of(association, role="admin"))
    space = _text(client.get(reverse("associations:member_area", args=[association.slug])))
    assert "Espace d'Épicerie des Sablons" in space and "Espace de Épicerie" not in space
    card = _text(client.get(reverse("associations:card_edit", args=[association.slug])))
    assert "Modifier la fiche d'Épicerie des Sablons" in card
    hours = _text(client.get(reverse("associations:hours_edit", args=[association.slug])))
    assert "Horaires d'Épicerie des Sablons" in hours


@pytest.mark.django_db
def test_the_structure_list_says_aucune_for_zero(client):
    page = _text(client.get("/annuaire/", {"q": "introuvable"}))
    assert "Aucune structure trouvée" in page and "0 structure" not in page


def test_labels_built_from_names_do_not_say_a_word_twice():
    from solidaire.core.text.french import label_with_detail, labelled

    assert labelled("Atelier", "Cuisine") == "Atelier « Cuisine »"
    assert labelled("Atelier", "Atelier « L'aide alimentaire »") == "Atelier « L'aide alimentaire »"
    assert labelled("salle", "Salle Bollée", quoted=False) == "Salle Bollée"
    assert labelled("salle", "Bollée", quoted=False) == "salle Bollée"
    assert label_with_detail("Nombre d'accueils", "accueils") == "Nombre d'accueils"
    assert label_with_detail("Repas servis", "personnes") == "Repas servis (personnes)"


def test_the_workshop_choice_names_the_room_once():
    from congress.editions.models import Session, SessionKind
    from congress.registrations.forms import _session_label

    session = Session(kind=SessionKind.WORKSHOP, title="Atelier « L'aide alimentaire »", room="Salle Bollée")
    assert session.label == "Atelier « L'aide alimentaire »" and session.title_names_kind
    assert _session_label(session) == "Atelier « L'aide alimentaire » — Salle Bollée"
    plain = Session(kind=SessionKind.WORKSHOP, title="Cuisine", room="Bollée")
    assert plain.label == "Atelier « Cuisine »" and _session_label(plain) == "Cuisine — salle Bollée"


def test_an_indicator_is_named_without_repeating_its_code():
    from indicators.catalogue.models import IndicatorDefinition

    assert str(IndicatorDefinition(label="Nombre d'accueils", code="accueils")) == "Nombre d'accueils"
    assert str(IndicatorDefinition(label="Repas servis", code="repas_midi")) == "Repas servis (repas_midi)"
