"""The public list of signatories: groups, links, filters, the live count, bounded queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from tests.charter.factories import make_version

pytestmark = pytest.mark.django_db

URL = reverse("charter:signatories")


def _section(content: str, slug: str) -> str:
    start = content.index(f'id="{slug}"')
    end = content.find("</section>", start)
    return content[start:end]


def test_list_groups_by_kind_links_cards_and_shows_versions(client):
    v1 = make_version(number=1, current=False)
    v2 = make_version(number=2)
    asso = factories.AssociationFactory(name="Secours populaire", quartier="bollee")
    factories.SignatureFactory(association=asso, version=v1)
    factories.SignatureFactory(association=asso, version=v2, signed_on="2025-02-03")
    centre = factories.AssociationFactory(name="Centre social Bellevue", kind="centre_social")
    factories.SignatureFactory(association=centre, version=v1)
    ccas = factories.AssociationFactory(name="CCAS du Mans", kind="ccas")
    factories.SignatureFactory(association=ccas, version=v1)
    institution = factories.AssociationFactory(name="CAF de la Sarthe", kind="institution", status="draft")
    factories.SignatureFactory(association=institution, version=v1)
    factories.SignatureFactory(
        association=factories.AssociationFactory(name="Partie"), version=v1, status="withdrawn"
    )
    factories.SignatureFactory(
        association=factories.AssociationFactory(name="En attente"),
        version=v2,
        status="requested",
        signed_on=None,
    )

    content = client.get(URL).content.decode()
    assert 'data-testid="signatory-count">4<' in content
    assert "Partie" not in content and "En attente" not in content
    associations = _section(content, "associations")
    assert f'<a href="{asso.get_absolute_url()}">Secours populaire</a>' in associations
    assert "A signé la version 2 le 3 février 2025 (versions signées : 2, 1)" in associations
    assert "Bollée – Gare" in associations
    assert "Centre social Bellevue" in _section(content, "centres-sociaux")
    assert "CCAS du Mans" in _section(content, "ccas")
    others = _section(content, "autres")
    assert "CAF de la Sarthe" in others
    assert "<a href" not in others  # an unpublished card is not linked


def test_filters_by_quartier_and_thematique(client):
    version = make_version()
    food = factories.ThematiqueFactory(slug="alimentation", label="Alimentation")
    sablons = factories.AssociationFactory(name="Épicerie des Sablons", quartier="sablons")
    factories.ServiceFactory(association=sablons).thematiques.add(food)
    factories.ServiceFactory(association=sablons).thematiques.add(food)  # no duplicate row
    centre = factories.AssociationFactory(name="Restos du centre", quartier="centre")
    for association in (sablons, centre):
        factories.SignatureFactory(association=association, version=version)

    content = client.get(URL, {"quartier": "sablons"}).content.decode()
    assert "Épicerie des Sablons" in content and "Restos du centre" not in content
    assert "1 signataire pour ce filtre." in content
    assert 'data-testid="signatory-count">2<' in content  # the total stays the live count

    content = client.get(URL, {"thematique": "alimentation"}).content.decode()
    assert content.count("Épicerie des Sablons</a>") == 1
    assert "Restos du centre" not in content

    content = client.get(URL, {"quartier": "centre", "thematique": "alimentation"}).content.decode()
    assert "Aucun signataire ne correspond à ce filtre." in content


def test_unknown_filter_values_get_french_errors(client):
    factories.SignatureFactory()
    response = client.get(URL, {"quartier": "atlantide", "thematique": "inconnue"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in content
    assert "Cette thématique n&#x27;existe pas." in content
    assert 'data-testid="signatory-count">1<' in content


def test_count_is_the_same_on_home_and_list(client):
    version = make_version()
    factories.SignatureFactory.create_batch(3, version=version)
    factories.SignatureFactory(version=version, status="withdrawn")
    home = client.get(reverse("portal:home")).content.decode()
    listing = client.get(URL).content.decode()
    assert 'data-testid="signatory-count">3<' in home
    assert 'data-testid="signatory-count">3<' in listing


@pytest.mark.parametrize("count", [3, 40])
def test_list_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, count):
    version = make_version()
    old = make_version(number=0, current=False)
    thematique = factories.ThematiqueFactory()
    for i in range(count):
        association = factories.AssociationFactory(kind=["association", "ccas", "autre"][i % 3])
        factories.ServiceFactory(association=association).thematiques.add(thematique)
        factories.SignatureFactory(association=association, version=version)
        factories.SignatureFactory(association=association, version=old)
    # thematique lookup, signatures, count, thematiques for the select, footer pages (cached)
    with django_assert_max_num_queries(5):
        response = client.get(URL, {"thematique": thematique.slug})
    assert response.content.decode().count("A signé la version 1") == count
    with django_assert_max_num_queries(4):
        assert client.get(URL).status_code == 200


@pytest.mark.parametrize("count", [3, 40])
def test_home_counter_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, count):
    factories.SignatureFactory.create_batch(count)
    with django_assert_max_num_queries(4):
        response = client.get(reverse("portal:home"))
    assert f'data-testid="signatory-count">{count}<' in response.content.decode()
