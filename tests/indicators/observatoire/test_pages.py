"""The observatoire's pages: public figures for everyone, staff tools at their own URLs, the
network dashboard and its CSVs, reference data imports, a structure's own sheet."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.observatoire import documents
from indicators.territories.models import Territory
from indicators.territories.services import reference_values_import, territories_create_quartiers
from solidaire.core.documents.models import GeneratedDocument
from tests.indicators.factories import CampaignFactory

from .network import campaigns, structures, validated_sheets

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(db):
    territories_create_quartiers()
    (c2024, c2025), indicators = campaigns()
    for campaign, base in ((c2024, 100), (c2025, 110)):
        validated_sheets(
            structures(5, quartiers=["sablons"], prefix=f"s{campaign.year}"),
            campaign,
            indicators,
            lambda i, a, base=base: {"personnes": base, "passages": 3 * base},
        )
    return indicators


def test_anonymous_visitors_see_the_key_figures_and_no_tools(client, network):
    response = client.get(reverse("observatoire:home"))
    html = response.content.decode().replace("\u202f", " ").replace("\u00a0", " ").replace("&nbsp;", " ")
    assert response.status_code == 200
    assert "Chiffres clés de la campagne 2025" in html
    assert "550 personnes" in html  # 5 × 110
    assert "+10,0 %" in html  # from 500 to 550
    assert "Outils des agents du CCAS" not in html
    assert reverse("observatoire:reports") not in html


def test_staff_see_their_tools_and_the_dashboard_with_csv(client, staff_user, network):
    client.force_login(staff_user)
    html = client.get(reverse("observatoire:home")).content.decode()
    assert reverse("observatoire:reports") in html and reverse("observatoire:territories") in html
    dashboard = client.get(reverse("observatoire:dashboard")).content.decode()
    assert "Tableau de bord du réseau 2025" in dashboard
    assert reverse("observatoire:dashboard_csv", args=["quartiers"]) in dashboard
    response = client.get(reverse("observatoire:dashboard_csv", args=["chiffres-cles"]) + "?annee=2024")
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Indicateur;Unité;2024")
    assert any(line.startswith("Personnes accueillies;personnes;500") for line in lines)
    assert client.get(reverse("observatoire:dashboard_csv", args=["inconnu"])).status_code == 404


def test_crossing_and_map_after_importing_reference_data_and_contours(client, staff_user, network):
    reference_values_import(
        content=b"territoire;indicateur;annee;valeur;source;licence\n"
        b"sablons;population;2021;5500;INSEE RP 2021;Licence ouverte\n"
        b"sablons;taux_pauvrete;2021;41,5;INSEE Filosofi;Licence ouverte\n"
    )
    ring = [[0.2, 48.0], [0.21, 48.0], [0.21, 47.99], [0.2, 47.99], [0.2, 48.0]]
    geojson = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": "sablons"},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        ],
    }
    client.force_login(staff_user)
    upload = SimpleUploadedFile("q.geojson", json.dumps(geojson).encode())
    response = client.post(reverse("observatoire:territories"), {"form": "contours", "geo-file": upload})
    assert response.status_code == 302
    assert Territory.objects.get(code="sablons").contour["type"] == "Polygon"
    html = client.get(reverse("observatoire:territories")).content.decode().replace("\u202f", " ")
    # Les Sablons: 5 structures, 550 persons, 1 650 passages; no accueils in this catalogue.
    assert "Les Sablons" in html and "5 500" in html and "41,5" in html
    assert "map-svg" in html and "INSEE Filosofi" in html

    bad = dict(
        geojson, features=[{"type": "Feature", "properties": {"code": "nulle-part"}, "geometry": None}]
    )
    upload = SimpleUploadedFile("q.geojson", json.dumps(bad).encode())
    response = client.post(reverse("observatoire:territories"), {"form": "contours", "geo-file": upload})
    assert response.status_code == 400
    assert "Élément 1 (« nulle-part ») : territoire inconnu." in response.content.decode()


def test_a_member_gets_their_structure_sheet(client, member_of, network, django_capture_on_commit_callbacks):
    from associations.structures.models import Association

    association = Association.objects.get(slug="structure-s20250000")
    member = member_of(association, role="member")
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.get(reverse("observatoire:structure_report", args=[association.slug]))
    document = GeneratedDocument.objects.get(kind=documents.STRUCTURE)
    assert response.status_code == 302
    assert response.url == reverse("core:document_status", args=[document.pk])
    assert document.params == {"structure": association.pk}
    assert client.get(response.url).status_code == 200
    other = Association.objects.get(slug="structure-s20250001")
    assert client.get(reverse("observatoire:structure_report", args=[other.slug])).status_code == 403


def test_the_public_page_prefers_the_latest_closed_campaign(client, staff_user, network):
    open_campaign = CampaignFactory(year=2026, opens_on=dt.date(2026, 10, 1), closes_on=dt.date(2099, 1, 31))
    validated_sheets(structures(3, prefix="open"), open_campaign, network, lambda i, a: {"personnes": 1})
    html = client.get(reverse("observatoire:home")).content.decode()
    assert "Chiffres clés de la campagne 2025" in html
    client.force_login(staff_user)
    dashboard = client.get(reverse("observatoire:dashboard")).content.decode()
    assert dashboard.count('<option value="2025"') == 1  # each year once in the chooser
