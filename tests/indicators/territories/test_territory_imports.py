"""The territories imports refuse every malformed file in French, naming the line or feature,
with a bounded parse, and save nothing (issue 19.3: each of these answered 500 before); the page
puts the errors at its top, lists the accepted territories, and names may replace codes."""

from __future__ import annotations

import json
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.territories.models import ReferenceValue, Territory
from indicators.territories.parsing import MAX_ERRORS
from indicators.territories.services import reference_values_import, territories_create_quartiers

pytestmark = pytest.mark.django_db

HEADER = "territoire;indicateur;annee;valeur;source;licence\n"
GOOD_LINE = "centre;population;2021;10 500;INSEE;LO\n"
RING = [[0.2, 48.0], [0.21, 48.0], [0.21, 47.99], [0.2, 47.99], [0.2, 48.0]]
GOOD_FEATURE = {
    "type": "Feature",
    "properties": {"code": "centre"},
    "geometry": {"type": "Polygon", "coordinates": [RING]},
}


@pytest.fixture
def staff_client(client, staff_user):
    territories_create_quartiers()
    client.force_login(staff_user)
    return client


def _post(client, which: str, content: bytes):
    prefix = "ref" if which == "reference" else "geo"
    upload = SimpleUploadedFile("fichier.txt", content)
    return client.post(reverse("observatoire:territories"), {"form": which, f"{prefix}-file": upload})


def _collection(*features) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


CSV_CASES = [
    pytest.param(
        (HEADER + GOOD_LINE + "sablons;population;2021;" + "9" * 140_000 + ";INSEE;LO\n").encode(),
        "Ligne 3 : ligne illisible (un champ est trop long",
        id="field-over-128k",
    ),
    pytest.param(
        (HEADER + GOOD_LINE + 'sablons;population;2021;"12;INSEE;LO\n' + GOOD_LINE).encode(),
        "Ligne 3 : ligne illisible (guillemet ouvert et jamais fermé)",
        id="unclosed-quote",
    ),
    pytest.param(
        (HEADER + 'sablons;population;2021;1"2;INSEE;LO\n').encode(),
        "Ligne 2",
        id="quote-inside-field",
    ),
    pytest.param(
        (HEADER + "sablons;population;2021;" + "1" * 2000 + ";INSEE;LO\n").encode(),
        "Ligne 2 : un champ dépasse 1000 caractères",
        id="long-field",
    ),
    pytest.param(
        (HEADER + "sablons;population;2021;12;INSEE;LO;de trop\n").encode(),
        "Ligne 2 : 7 colonnes au lieu de 6.",
        id="extra-columns",
    ),
    pytest.param(b"\xff\xfe\x00\x00" + b"x" * 10, "octets nuls", id="binary"),
    pytest.param(b"   \n", "est vide", id="empty"),
    pytest.param(
        (HEADER + "sablons;population;2021;99999999999999999;INSEE;LO\n").encode(),
        "Ligne 2 : la valeur est trop grande.",
        id="huge-number",
    ),
]


@pytest.mark.parametrize("content, message", CSV_CASES)
def test_a_malformed_csv_is_refused_naming_the_line_and_nothing_is_saved(staff_client, content, message):
    response = _post(staff_client, "reference", content)
    assert response.status_code == 400
    html = unescape(response.content.decode())
    assert message in html
    assert "Le fichier a été refusé, rien n'a été importé" in html
    assert not ReferenceValue.objects.exists()


GEO_CASES = [
    pytest.param(b"[" * 100_000 + b"]" * 100_000, "plus de 20 niveaux", id="deep-nesting"),
    pytest.param(b'{"a":' * 50_000 + b"1" + b"}" * 50_000, "plus de 20 niveaux", id="deep-objects"),
    pytest.param(
        json.dumps({"type": "FeatureCollection", "features": [1, 2, 3]}).encode(),
        "Élément 1 : ce n'est pas un objet GeoJSON « Feature ».",
        id="features-numbers",
    ),
    pytest.param(
        json.dumps({"type": "FeatureCollection", "features": {"a": GOOD_FEATURE}}).encode(),
        "La propriété « features » doit être une liste",
        id="features-object",
    ),
    pytest.param(
        _collection(GOOD_FEATURE, dict(GOOD_FEATURE, properties="sablons")),
        "Élément 2 : « properties » doit être un objet",
        id="properties-string",
    ),
    pytest.param(
        _collection(
            {"type": "Feature", "properties": {"code": "sablons"}, "geometry": {"type": "MultiPolygon"}}
        ),
        "Élément 1 (« sablons ») : la géométrie n'a pas de coordonnées",
        id="multipolygon-without-coordinates",
    ),
    pytest.param(
        _collection(
            {
                "type": "Feature",
                "properties": {"code": "sablons"},
                "geometry": {"type": "MultiPolygon", "coordinates": [[[1, 2]]]},
            }
        ),
        "Élément 1 (« sablons ») : un contour a moins de 4 points.",
        id="multipolygon-too-shallow",
    ),
    pytest.param(
        _collection(
            dict(
                GOOD_FEATURE,
                properties={"code": "sablons"},
                geometry={"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]},
            )
        ),
        "Élément 1 (« sablons ») : géométrie invalide : le contour se recoupe lui-même",
        id="bow-tie",
    ),
    pytest.param(
        _collection(
            dict(GOOD_FEATURE, geometry={"type": "Polygon", "coordinates": [RING[:-1] + [[0.3, 48]]]})
        ),
        "un contour n'est pas fermé",
        id="open-ring",
    ),
    pytest.param(
        _collection(dict(GOOD_FEATURE, geometry={"type": "Polygon", "coordinates": [[["a", "b"]] * 4]})),
        "coordonnées illisibles",
        id="string-coordinates",
    ),
    pytest.param(b'{"type": "FeatureCollection", "features": [NaN]}', "interdite en JSON", id="nan"),
    pytest.param(b'{"type": "Feature', "n'est pas du JSON valide (ligne 1", id="truncated"),
    pytest.param(_collection(GOOD_FEATURE, GOOD_FEATURE), "a déjà un contour à l'élément 1", id="twice"),
]


@pytest.mark.parametrize("content, message", GEO_CASES)
def test_a_malformed_geojson_is_refused_naming_the_feature_and_nothing_is_saved(
    staff_client, content, message
):
    response = _post(staff_client, "contours", content)
    assert response.status_code == 400
    assert message in unescape(response.content.decode())
    assert not Territory.objects.exclude(contour=None).exists()


def test_a_file_over_2_mb_is_refused_without_being_read_whole(staff_client):
    response = _post(staff_client, "contours", b" " * 3_000_000)
    assert response.status_code == 400
    assert "dépasse 2 Mo" in response.content.decode()


def test_a_file_of_bad_lines_stops_after_a_bounded_number_of_errors(staff_client):
    bad = "nulle-part;chomeurs;20x;abc;;\n" * 60_000  # ~1.8 MB, 5 errors per line
    response = _post(staff_client, "reference", (HEADER + bad).encode())
    assert response.status_code == 400
    html = unescape(response.content.decode())
    assert f"Lecture arrêtée après {MAX_ERRORS} erreurs" in html
    assert html.count('<li><a href="#id_ref-file">') == MAX_ERRORS + 1  # the errors, then « arrêtée »
    assert "Ligne 2 :" in html and "Ligne 60001" not in html
    assert not ReferenceValue.objects.exists()


def test_the_error_summary_comes_first_and_links_to_the_upload_field(staff_client):
    response = _post(
        staff_client, "reference", (HEADER + "nulle-part;population;2021;12;INSEE;LO\n").encode()
    )
    html = unescape(response.content.decode())
    summary = html.index('id="import-errors"')
    assert summary < html.index("Importer des indicateurs de référence (CSV)")
    assert '<a href="#id_ref-file">Ligne 2 : territoire inconnu « nulle-part ».</a>' in html
    assert "Fichier refusé, rien n'a été importé : 1 erreur, listée en haut de la page." in html


def test_the_page_lists_the_accepted_territories_with_their_names(staff_client):
    html = staff_client.get(reverse("observatoire:territories")).content.decode()
    assert "<code>sablons</code></td><td>Les Sablons</td>" in html


@pytest.mark.parametrize("written", ["Les Sablons", "les sablons", "LES SABLONS", "sablons", "Les Sablons "])
def test_a_territory_may_be_named_by_its_name_whatever_the_case(db, written):
    territories_create_quartiers()
    reference_values_import(content=(HEADER + f"{written};population;2021;5 500;INSEE;LO\n").encode())
    assert ReferenceValue.objects.get().territory.code == "sablons"


def test_accents_are_ignored_and_a_name_shared_by_two_territories_asks_for_the_code(db):
    Territory.objects.create(code="etoile", name="L'Étoile", kind="iris", quartier="")
    Territory.objects.create(code="bords", name="Bords de Sarthe", kind="iris")
    Territory.objects.create(code="bords-2", name="Bords de Sarthe", kind="iris")
    reference_values_import(content=(HEADER + "l'etoile;population;2021;12;INSEE;LO\n").encode())
    assert ReferenceValue.objects.get().territory.code == "etoile"
    with pytest.raises(Exception) as caught:
        reference_values_import(content=(HEADER + "Bords de Sarthe;population;2021;12;INSEE;LO\n").encode())
    assert "désigne plusieurs territoires : utilisez leur code" in " ".join(caught.value.messages)


def test_contours_accept_a_name_too(staff_client):
    feature = dict(GOOD_FEATURE, properties={"code": "Les Sablons"})
    response = _post(staff_client, "contours", _collection(feature))
    assert response.status_code == 302
    assert Territory.objects.get(code="sablons").contour == {"type": "Polygon", "coordinates": [RING]}
