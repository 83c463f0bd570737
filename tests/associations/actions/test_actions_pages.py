"""Public pages of the social centres' actions: list, filters, detail."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.associations.factories import (
    ActionDimensionFactory,
    ActionFactory,
    ActionKeywordFactory,
    ActionPublicFactory,
)
from tests.factories import AssociationFactory

pytestmark = pytest.mark.django_db

LIST = "/annuaire/actions/"


def titles(response) -> list[str]:
    return [action.title for action in response.context["page_obj"]]


def test_list_shows_actions_with_structure_status_and_terms(client):
    keyword = ActionKeywordFactory(label="Parentalité")
    ActionFactory(
        title="Groupe de parole",
        keywords=[keyword],
        status="terminee",
        structure=AssociationFactory(name="Centre Jacques Tati"),
    )
    response = client.get(LIST)
    content = response.content.decode()
    assert response.status_code == 200
    assert reverse("actions:list") == LIST
    assert "Groupe de parole" in content
    assert "Centre Jacques Tati" in content
    assert "Terminée" in content and "Parentalité" in content
    assert "1 action" in content


def test_filters_by_dimension_keyword_public_status_and_structure(client):
    citizenship = ActionDimensionFactory(label="Citoyenneté")
    projects = ActionDimensionFactory(label="Accompagnement de projets")
    precarity = ActionKeywordFactory(label="Précarité")
    seniors = ActionPublicFactory(label="Seniors")
    centre = AssociationFactory(name="Centre social Indigo", slug="indigo")
    ActionFactory(
        title="Épicerie éphémère", dimensions=[citizenship], keywords=[precarity], status="en_cours"
    )
    ActionFactory(
        title="Animateur numérique",
        dimensions=[projects],
        publics=[seniors],
        structure=centre,
        status="terminee",
    )
    ActionFactory(title="Défi mode", dimensions=[citizenship], status="terminee")

    assert titles(client.get(LIST, {"dimension": "citoyennete"})) == ["Défi mode", "Épicerie éphémère"]
    assert titles(client.get(LIST, {"mot_cle": "precarite"})) == ["Épicerie éphémère"]
    assert titles(client.get(LIST, {"public": "seniors"})) == ["Animateur numérique"]
    assert titles(client.get(LIST, {"statut": "terminee"})) == ["Animateur numérique", "Défi mode"]
    assert titles(client.get(LIST, {"structure": "indigo"})) == ["Animateur numérique"]
    assert titles(client.get(LIST, {"dimension": "citoyennete", "statut": "terminee"})) == ["Défi mode"]
    assert titles(client.get(LIST, {"q": "numérique"})) == ["Animateur numérique"]


@pytest.mark.parametrize(
    "params",
    [
        {"dimension": "n-existe-pas"},
        {"mot_cle": "<script>alert(1)</script>"},
        {"statut": "peut-etre"},
        {"structure": "'; DROP TABLE x; --"},
        {"public": ["a", "b"]},
        {"page": "abc"},
        {"page": "99999"},
    ],
)
def test_unknown_filter_values_are_ignored_with_a_message_never_a_500(client, params):
    ActionFactory(title="Jardin partagé")
    response = client.get(LIST, params)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Jardin partagé" in content  # the unknown value filters nothing out
    assert "<script>alert(1)</script>" not in content
    if set(params) - {"page"}:
        assert "field-error" in content  # the form says which value it did not understand


def test_list_pagination_keeps_filters(client):
    dimension = ActionDimensionFactory(label="Citoyenneté")
    ActionFactory.create_batch(25, dimensions=[dimension])
    response = client.get(LIST, {"dimension": "citoyennete"})
    content = response.content.decode()
    assert len(response.context["page_obj"]) == 20
    assert "dimension=citoyennete&amp;page=2" in content
    assert len(client.get(LIST, {"dimension": "citoyennete", "page": 2}).context["page_obj"]) == 5


def test_list_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    dimension = ActionDimensionFactory(label="Citoyenneté")
    keyword = ActionKeywordFactory(label="Culture")
    public = ActionPublicFactory(label="Familles")

    def create(n):
        ActionFactory.create_batch(n, dimensions=[dimension], keywords=[keyword], publics=[public])

    create(3)
    client.get(LIST)  # warm the footer's cache, so both measures see the same page
    with django_assert_max_num_queries(12) as small:
        client.get(LIST, {"dimension": "citoyennete"})
    create(40)
    with django_assert_max_num_queries(12) as large:
        client.get(LIST, {"dimension": "citoyennete"})
    assert len(large.captured_queries) == len(small.captured_queries)


def test_detail_shows_every_section(client):
    action = ActionFactory(
        title="Séjour adultes",
        status="terminee",
        end_reasons="Projet mené à son terme.",
        experience="Partir en vacances.",
        general_description="Préparation en groupe.",
        financial_resources="Total : 4256.95€",
        people_involved="11 adultes\n1 animatrice",
        result_territory="Des liens entre communes.",
        limits="Groupe limité.",
        perspectives="Deux séjours en 2022.",
        department="Maine-et-Loire",
        structure=AssociationFactory(name="Coin de la rue", status="draft"),
    )
    response = client.get(action.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    for text in [
        "Séjour adultes",
        "Terminée",
        "Projet mené à son terme.",
        "Partir en vacances.",
        "Total : 4256.95€",
        "11 adultes<br>1 animatrice",
        "Des liens entre communes.",
        "Groupe limité.",
        "Deux séjours en 2022.",
        "Coin de la rue",
        "(Maine-et-Loire)",
    ]:
        assert text in content
    # A draft structure has no public card: its name is shown, not linked.
    assert action.structure.get_absolute_url() not in content


def test_detail_links_a_published_structure(client):
    action = ActionFactory(structure=AssociationFactory(name="Centre Indigo"))
    assert action.structure.get_absolute_url() in client.get(action.get_absolute_url()).content.decode()


def test_unknown_action_is_a_french_404(client):
    response = client.get("/annuaire/actions/n-existe-pas/")
    assert response.status_code == 404
    assert "introuvable" in response.content.decode()


def test_html_in_imported_text_is_escaped(client):
    action = ActionFactory(
        title="<b>Titre</b>", summary="<script>alert('x')</script>", limits='<img src=x onerror="alert(1)">'
    )
    for url in [LIST, action.get_absolute_url()]:
        content = client.get(url).content.decode()
        assert "<script>alert" not in content
        assert "<b>Titre</b>" not in content
        assert "&lt;b&gt;Titre&lt;/b&gt;" in content
    assert "&lt;img src=x onerror" in client.get(action.get_absolute_url()).content.decode()
