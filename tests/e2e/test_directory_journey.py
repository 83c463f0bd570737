"""A professional searches the directory, narrows with a filter and opens a card."""

import pytest

from associations.structures.models import Thematique
from associations.structures.services import thematiques_sync
from tests import factories


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_search_filter_open_card(live_server, browser_page):
    thematiques_sync()
    food = Thematique.objects.get(slug="aide-alimentaire")
    culture = Thematique.objects.get(slug="culture-loisirs")
    epicerie = factories.AssociationFactory(
        name="Épicerie solidaire des Sablons",
        summary="Produits à petit prix",
        opening_hours="Tu,Th 14:00-18:00; PH off",
        street="Rue des Sablons",
        postcode="72100",
    )
    factories.SignatureFactory(association=epicerie)
    factories.DirectoryServiceFactory(association=epicerie, name="Épicerie", thematiques=[food])
    other = factories.AssociationFactory(name="Épicerie culturelle", summary="Spectacles")
    factories.DirectoryServiceFactory(association=other, name="Sorties", thematiques=[culture])

    page = browser_page
    page.goto(live_server.url + "/annuaire/")
    page.get_by_label("Mots-clés").fill("epicerie")
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_url("**/annuaire/?*q=epicerie*")
    assert page.get_by_test_id("result-count").inner_text() == "2 structures trouvées"

    page.get_by_label("Thématique").select_option("aide-alimentaire")
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_url("**thematique=aide-alimentaire**")
    assert page.get_by_test_id("result-count").inner_text() == "1 structure trouvée"
    assert page.get_by_label("Mots-clés").input_value() == "epicerie"  # kept in the URL

    page.get_by_role("link", name="Épicerie solidaire des Sablons").click()
    page.wait_for_url(f"**/annuaire/{epicerie.slug}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Épicerie solidaire des Sablons"
    assert page.get_by_test_id("charter-badge").is_visible()
    assert "Mardi" in page.locator("ul.hours").inner_text()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_map_shows_a_marker_per_located_structure(live_server, browser_page):
    factories.AssociationFactory(name="Centre social", latitude="48.0061", longitude="0.1996")
    factories.AssociationFactory(name="Épicerie", latitude="47.9958", longitude="0.2265")
    factories.AssociationFactory(name="Sans position")
    errors = []
    browser_page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    browser_page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    browser_page.goto(live_server.url + "/annuaire/carte/")
    markers = browser_page.locator(".leaflet-marker-icon")
    markers.first.wait_for()
    assert markers.count() == 2
    markers.nth(0).click()
    assert browser_page.locator(".leaflet-popup-content a").is_visible()
    assert not [e for e in errors if "Content Security Policy" in e]
