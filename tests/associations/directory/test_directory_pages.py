"""The public directory: search, filters, pagination, detail, print view."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from associations.structures.models import Association, Thematique
from tests import factories

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return re.findall(r'<h2><a href="/annuaire/[^"]+/">([^<]+)</a>', response.content.decode())


def test_search_ignores_accents_and_case(client):
    factories.AssociationFactory(name="Épicerie solidaire des Sablons", summary="")
    factories.AssociationFactory(name="Vestiboutique", summary="Vêtements")
    assert names(client.get("/annuaire/", {"q": "epicerie"})) == ["Épicerie solidaire des Sablons"]
    assert names(client.get("/annuaire/", {"q": "ÉPICERIE Sablons"})) == ["Épicerie solidaire des Sablons"]
    assert names(client.get("/annuaire/", {"q": "vetements"})) == ["Vestiboutique"]


def test_search_finds_a_structure_by_its_services(client):
    association = factories.AssociationFactory(name="Centre social Bellevue", summary="")
    factories.DirectoryServiceFactory(
        association=association, name="Douches et laverie", description="Hygiène pour les personnes à la rue"
    )
    factories.AssociationFactory(name="Autre", summary="")
    assert names(client.get("/annuaire/", {"q": "hygiene"})) == ["Centre social Bellevue"]


def test_unpublished_structures_are_not_listed(client):
    factories.AssociationFactory(name="Brouillon", status="draft")
    factories.AssociationFactory(name="Publiée")
    assert names(client.get("/annuaire/")) == ["Publiée"]
    assert client.get("/annuaire/", {"q": "brouillon"}).status_code == 200
    assert names(client.get("/annuaire/", {"q": "brouillon"})) == []


def test_service_filters_apply_to_the_same_service(client, thematique):
    food_paid = factories.AssociationFactory(name="Food payant")
    factories.DirectoryServiceFactory(association=food_paid, fee="payant", thematiques=[thematique])
    factories.DirectoryServiceFactory(association=food_paid, fee="gratuit", name="Autre chose")
    food_free = factories.AssociationFactory(name="Food gratuit")
    factories.DirectoryServiceFactory(association=food_free, fee="gratuit", thematiques=[thematique])
    response = client.get("/annuaire/", {"thematique": "aide-alimentaire", "gratuit": "on"})
    assert names(response) == ["Food gratuit"]
    assert names(client.get("/annuaire/", {"thematique": "aide-alimentaire"})) == [
        "Food gratuit",
        "Food payant",
    ]


def test_public_access_language_pmr_quartier_filters(client):
    families = factories.AssociationFactory(
        name="Familles", quartier="sablons", languages=["fr", "ar"], pmr_accessible=True
    )
    factories.DirectoryServiceFactory(
        association=families, publics=["familles"], access_conditions=["sur-orientation"]
    )
    everyone = factories.AssociationFactory(name="Tous", quartier="centre")
    factories.DirectoryServiceFactory(association=everyone, publics=["tous-publics"])
    seniors = factories.AssociationFactory(name="Séniors", quartier="centre")
    factories.DirectoryServiceFactory(association=seniors, publics=["seniors"])
    # A service open to everyone serves families too.
    assert names(client.get("/annuaire/", {"public": "familles"})) == ["Familles", "Tous"]
    assert names(client.get("/annuaire/", {"acces": "sur-orientation"})) == ["Familles"]
    assert names(client.get("/annuaire/", {"langue": "ar"})) == ["Familles"]
    assert names(client.get("/annuaire/", {"pmr": "on"})) == ["Familles"]
    assert names(client.get("/annuaire/", {"quartier": "centre"})) == ["Séniors", "Tous"]


def test_open_now_filter_uses_the_weekly_table(client):
    now = timezone.localtime()
    day = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"][now.weekday()]
    other = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"][(now.weekday() + 3) % 7]
    factories.AssociationFactory(name="Ouverte", opening_hours=f"{day} 00:00-24:00")
    factories.AssociationFactory(name="Fermée", opening_hours=f"{other} 09:00-10:00")
    factories.AssociationFactory(name="Sans horaires", opening_hours="")
    assert names(client.get("/annuaire/", {"ouvert": "on"})) == ["Ouverte"]


@pytest.mark.parametrize(
    "params",
    [
        {"thematique": "n-existe-pas"},
        {"public": "martiens"},
        {"quartier": "paris"},
        {"langue": "klingon"},
        {"acces": "<script>"},
        {"page": "abc"},
        {"page": "99999"},
        {"ouvert": "peut-etre"},
        {"q": "x" * 500},
    ],
)
def test_unknown_filter_values_never_fail(client, params):
    factories.AssociationFactory(name="Toujours là")
    response = client.get("/annuaire/", params)
    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>" not in content


def test_unknown_filter_value_is_ignored_with_a_french_message(client):
    factories.AssociationFactory(name="Toujours là")
    response = client.get("/annuaire/", {"thematique": "n-existe-pas", "q": "toujours"})
    content = response.content.decode()
    assert "Certains critères n'ont pas été compris et ont été ignorés" in content
    assert "Thématique" in content and "Sélectionnez un choix valide" in content
    assert names(response) == ["Toujours là"]  # the valid criterion still applies


def test_pagination_keeps_filters_in_the_url(client):
    factories.AssociationFactory.create_batch(25, quartier="sablons")
    response = client.get("/annuaire/", {"quartier": "sablons"})
    content = response.content.decode()
    assert "25 structures trouvées" in content
    assert 'href="?quartier=sablons&amp;page=2"' in content
    assert len(names(client.get("/annuaire/", {"quartier": "sablons", "page": 2}))) == 5


def test_list_query_count_does_not_grow_with_the_dataset(client, django_assert_max_num_queries, thematique):
    def make(n):
        for _ in range(n):
            a = factories.AssociationFactory(summary="aide alimentaire")
            factories.SignatureFactory(association=a)
            for _ in range(3):
                factories.DirectoryServiceFactory(association=a, thematiques=[thematique])

    params = {
        "q": "alimentaire",
        "thematique": "aide-alimentaire",
        "gratuit": "on",
        "ouvert": "",
        "langue": "",
    }
    make(3)
    # A fixed budget: the directory index is built again after the writes (four queries), then
    # the page (PostgreSQL adds its one-time type lookups on a new connection).
    with django_assert_max_num_queries(14) as small:
        assert client.get("/annuaire/", params).status_code == 200
    make(30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/annuaire/", params)
    assert len(names(response)) == 20  # one page of the 33 found
    assert "33 structures trouvées" in response.content.decode()


def test_a_search_missing_the_cache_reads_no_structure_from_the_database(
    client, django_assert_num_queries, thematique
):
    for i in range(25):
        a = factories.AssociationFactory(name=f"Épicerie {i:02}", summary="aide alimentaire")
        factories.DirectoryServiceFactory(association=a, thematiques=[thematique])
    # Footer links, thematique options, synonyms and the directory index are now current.
    client.get("/annuaire/", {"q": "x"})
    params = {"q": "alimentaire", "thematique": "aide-alimentaire", "gratuit": "on"}
    # The index finds, counts and draws the structures from memory; the database is asked only
    # for the other groups found by the same words: practices, fiches actions, volunteer
    # missions (one bounded query each).
    with django_assert_num_queries(3) as queries:
        response = client.get("/annuaire/", params)
    practices, actions, missions = (q["sql"] for q in queries.captured_queries)
    assert "associations_practice" in practices and "LIMIT 5" in practices
    assert "associations_action" in actions and "LIMIT 5" in actions
    assert "associations_volunteermission" in missions and "LIMIT 5" in missions
    content = response.content.decode()
    assert "25 structures trouvées" in content and len(names(response)) == 20
    assert '<option value="aide-alimentaire" selected>' in content


def test_the_index_follows_a_write_and_builds_in_four_queries(client, django_assert_num_queries, thematique):
    from associations.search.index import DirectoryIndex, directory_index
    from associations.structures.cache import version_bump

    structure = factories.AssociationFactory(name="Ancien nom")
    factories.DirectoryServiceFactory(association=structure, thematiques=[thematique])
    assert names(client.get("/annuaire/")) == ["Ancien nom"]
    Association.objects.filter(pk=structure.pk).update(name="Nouveau nom")
    version_bump()  # what every write does, through the signals or by hand
    assert names(client.get("/annuaire/")) == ["Nouveau nom"]
    # The structures (with their charter flag), their services, the services' thematiques,
    # the opening slots: whatever the directory's size.
    with django_assert_num_queries(4):
        index = DirectoryIndex.build(version=0)
    assert index.listings_of([structure.pk])[0].services[0].name == structure.services.get().name
    assert directory_index() is directory_index()  # kept while the version holds


def test_thematique_options_follow_changes(client, thematique):
    assert "Jardins partagés" not in client.get("/annuaire/").content.decode()
    Thematique.objects.create(slug="jardins", label="Jardins partagés", order=99)
    content = client.get("/annuaire/").content.decode()
    assert '<option value="jardins">Jardins partagés</option>' in content
    thematique.label = "Colis alimentaires"
    thematique.save()
    assert '<option value="aide-alimentaire">Colis alimentaires</option>' in (
        client.get("/annuaire/", {"q": "x"}).content.decode()
    )


def test_filter_form_keeps_the_chosen_values(client):
    factories.AssociationFactory(name="Aux Sablons", quartier="sablons")
    content = client.get("/annuaire/", {"quartier": "sablons", "langue": "ar"}).content.decode()
    assert '<option value="sablons" selected>Les Sablons</option>' in content
    assert '<option value="ar" selected>' in content
    assert '<option value="" selected>Toutes</option>' in content  # thematique: nothing chosen
    content = client.get("/annuaire/", {"quartier": "atlantide"}).content.decode()
    assert '<select name="quartier" aria-invalid="true"' in content


def test_a_card_lists_its_services_by_name(client):
    association = factories.AssociationFactory(name="Maison des familles")
    for name in ["Vestiaire", "Accueil", "Douches"]:
        factories.DirectoryServiceFactory(association=association, name=name, fee="payant")
    content = client.get("/annuaire/").content.decode()
    assert content.index("Accueil") < content.index("Douches") < content.index("Vestiaire")


def test_detail_page(client):
    association = factories.AssociationFactory(
        name="Secours catholique",
        opening_hours="Mo-Fr 08:45-12:00; PH off",
        latitude="48.009900",
        longitude="0.195900",
        phone="02 43 00 00 00",
        languages=["fr", "ar"],
        network_labels="Caritas France",
    )
    factories.SignatureFactory(association=association)
    factories.DirectoryServiceFactory(
        association=association,
        name="Accueil de jour",
        fee="gratuit",
        closed_from=timezone.localdate() - dt.timedelta(days=1),
        closed_until=timezone.localdate() + dt.timedelta(days=5),
        closure_message="Travaux",
    )
    content = client.get(association.get_absolute_url()).content.decode()
    assert 'data-testid="charter-badge">Signataire de la charte<' in content
    assert "Du lundi au vendredi&nbsp;: 8&nbsp;h&nbsp;45 – 12&nbsp;h" in content.replace("\u00a0", "&nbsp;")
    assert "Fermé les jours fériés" in content
    assert "mlat=48.009900" in content
    assert "Arabe" in content and "Caritas France" in content
    assert "Fermé temporairement" in content and "Travaux" in content
    assert "Fiche mise à jour le" in content


def test_no_charter_badge_without_signed_signature(client):
    association = factories.AssociationFactory()
    factories.SignatureFactory(association=association, status="withdrawn")
    content = client.get(association.get_absolute_url()).content.decode()
    assert "charter-badge" not in content


def test_draft_detail_is_404(client):
    association = factories.AssociationFactory(status="draft")
    assert client.get(association.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("url", ["/annuaire/imprimer/", "/annuaire/"])
def test_printable_view_uses_the_same_filters(client, url):
    factories.AssociationFactory(
        name="Épicerie", street="1 rue A", postcode="72000", opening_hours="Tu 14:00-18:00"
    )
    factories.AssociationFactory(name="Vestiboutique")
    response = client.get(url, {"q": "epicerie", "format": "print"})
    content = response.content.decode()
    assert "Adresses utiles" in content
    assert "1 rue A, 72000 Le Mans" in content
    assert "Mardi" in content
    assert "Vestiboutique" not in content


def test_search_tolerates_a_typo_on_any_database(client):
    factories.AssociationFactory(name="Épicerie solidaire", summary="")
    factories.AssociationFactory(name="Vestiboutique", summary="")
    assert names(client.get("/annuaire/", {"q": "epicerei"})) == ["Épicerie solidaire"]


def test_cached_results_follow_changes(client):
    association = factories.AssociationFactory(name="Ancien nom")
    assert names(client.get("/annuaire/")) == ["Ancien nom"]
    association.name = "Nouveau nom"
    association.save()
    assert names(client.get("/annuaire/")) == ["Nouveau nom"]
    factories.SignatureFactory(association=association)
    assert "Signataire de la charte" in client.get("/annuaire/").content.decode()


def test_results_cached_before_a_write_commits_are_not_served_after(
    client, django_capture_on_commit_callbacks
):
    from django.core.cache import cache
    from django.http import QueryDict

    from associations.structures.cache import results_key

    association = factories.AssociationFactory(name="Ancien nom")
    with django_capture_on_commit_callbacks(execute=True):
        association.name = "Nouveau nom"
        association.save()
        # Another request, between the save and the commit, still read the old row.
        cache.set(results_key(QueryDict("")), '<h2><a href="/annuaire/x/">Ancien nom</a></h2>')
    assert names(client.get("/annuaire/")) == ["Nouveau nom"]


def test_map_page_lists_located_structures_as_data_and_text(client):
    factories.AssociationFactory(
        name="<b>Située</b>", latitude="48.0061", longitude="0.1996", quartier="sablons"
    )
    factories.AssociationFactory(name="Sans position", quartier="sablons")
    factories.AssociationFactory(name="Autre quartier", latitude="48.0", longitude="0.2", quartier="centre")
    response = client.get("/annuaire/carte/", {"quartier": "sablons"})
    content = response.content.decode()
    assert '<script id="map-data" type="application/json">' in content
    assert '"lat": 48.0061' in content
    assert "\\u003Cb\\u003ESitu" in content  # JSON-escaped: never HTML in the data block
    assert "&lt;b&gt;Située&lt;/b&gt;" in content  # and escaped in the text list
    assert "Sans position" not in content and "Autre quartier" not in content
    assert "1 structure sur la carte" in content
    csp = response.headers["Content-Security-Policy"]
    assert "https://tile.openstreetmap.org" in csp and "unsafe-inline" not in csp


def test_detail_page_has_a_mini_map_only_with_coordinates(client):
    located = factories.AssociationFactory(latitude="48.0061", longitude="0.1996")
    content = client.get(located.get_absolute_url()).content.decode()
    assert 'class="mini-map' in content and 'data-lat="48.006100"' in content
    assert "vendor/leaflet-1.9.4/leaflet.js" in content
    unlocated = factories.AssociationFactory()
    assert "mini-map" not in client.get(unlocated.get_absolute_url()).content.decode()
