"""The public observatoire people find and read: linked from the menu, the home page, the footer
and the information page; its figures rounded alike in the key figures and the charts; the
crossing table and the map once a report is published, under statistical secrecy."""

from __future__ import annotations

import html as html_lib
import io
import json
import re

import pytest
from django.urls import reverse

from indicators.observatoire import documents
from indicators.observatoire.models import ReportPublication
from indicators.territories.services import (
    reference_values_import,
    territories_create_quartiers,
    territory_contours_import,
)
from solidaire.core import demo as core_demo
from solidaire.core.documents.models import GeneratedDocument

from .network import campaigns, structures, validated_sheets

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    """The page with entities resolved and no-break spaces read as spaces."""
    return html_lib.unescape(response.content.decode()).replace("\u202f", " ").replace("\u00a0", " ")


def test_the_menu_the_home_page_and_the_footer_lead_to_the_observatoire(client):
    html = _text(client.get(reverse("portal:home")))
    menu = html[html.index('aria-label="Navigation principale"') :]
    menu = menu[: menu.index("</nav>")]
    assert '<a href="/observatoire/">Observatoire</a>' in menu
    tools = html[html.index('id="outils-titre"') :]
    card = tools[tools.index("L'observatoire social</h3>") :]
    assert re.match(r'[^<]*</h3><p>[^<]*</p><p><a href="/observatoire/">Consulter l', card)
    footer = html[html.index('<footer class="site-footer">') :]
    assert 'href="/observatoire/"' in footer
    page = _text(client.get(reverse("observatoire:home")))
    assert '<a href="/observatoire/" aria-current="page">Observatoire</a>' in page


def test_the_information_page_links_to_the_observatoire(client):
    core_demo.load(stdout=io.StringIO())
    html = _text(client.get("/pages/observatoire-social/"))
    page = html[html.index("<h1>") : html.index("</article>")]
    assert re.search(r'<a href="/observatoire/"[^>]*>Consulter l\'observatoire social</a>', page)


@pytest.fixture
def network(db):
    territories_create_quartiers()
    (c2024, c2025), indicators = campaigns()
    for campaign in (c2024, c2025):
        sablons = structures(5, quartiers=["sablons"], prefix=f"s{campaign.year}")
        # 373 volunteers for 20 full-time staff: a ratio of exactly 18.65.
        validated_sheets(
            sablons,
            campaign,
            indicators,
            lambda i, a: {"personnes": 100, "passages": 300, "benevoles": 74 + (i > 1), "salaries": 4},
        )
        # A quartier fed by one structure: its figures are secret; and the centre's three, the
        # smallest part left, hidden too (secondary secrecy) so that Pontlieue cannot be deduced.
        alone = structures(1, quartiers=["pontlieue"], prefix=f"p{campaign.year}")
        validated_sheets(alone, campaign, indicators, lambda i, a: {"personnes": 7, "passages": 9})
        centre = structures(3, quartiers=["centre"], prefix=f"c{campaign.year}")
        validated_sheets(centre, campaign, indicators, lambda i, a: {"personnes": 20, "passages": 30})
    return indicators


def test_a_key_figure_and_its_chart_print_the_same_rounding(client, network):
    html = _text(client.get(reverse("observatoire:home")))
    row = html[html.index("Rapport bénévoles / salariés (ETP)</th>") :]
    assert re.match(r'Rapport bénévoles / salariés \(ETP\)</th><td class="key-figure">18,6</td>', row)
    title = html.index('id="evolution-ratio_benevoles_salaries-title"')
    chart = html[html.rindex("<figure", 0, title) :]
    chart = chart[: chart.index("</figure>")]
    assert "<td>18,6</td>" in chart  # the chart's data table, at the indicator's precision
    assert "18,65" not in html
    # The charts' labels are drawn at 13 units on a 360-unit-wide drawing (≥ 12 px from 332 px).
    assert 'viewBox="0 0 360 ' in chart and 'font-size="13"' in chart and 'font-size="11"' not in chart


def _publish(year: int) -> None:
    document = GeneratedDocument.objects.create(
        kind=documents.ANNUAL,
        params={"year": year, "internal": False},
        status="done",
        file_name="observatoire/rapport.pdf",
        size=2048,
    )
    ReportPublication.objects.create(document=document, title=f"Rapport annuel du réseau {year}")


def test_the_crossing_and_the_map_appear_once_published_under_secrecy(client, network):
    reference_values_import(
        content=b"territoire;indicateur;annee;valeur;source;licence\n"
        b"sablons;population;2021;5500;INSEE RP 2021;Licence ouverte\n"
        b"sablons;taux_pauvrete;2021;41,5;INSEE Filosofi;Licence ouverte\n"
        b"pontlieue;population;2021;13700;INSEE RP 2021;Licence ouverte\n"
    )
    ring = [[0.2, 48.0], [0.21, 48.0], [0.21, 47.99], [0.2, 47.99], [0.2, 48.0]]
    feature = {
        "type": "Feature",
        "properties": {"code": "sablons"},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }
    territory_contours_import(
        content=json.dumps({"type": "FeatureCollection", "features": [feature]}).encode()
    )

    before = _text(client.get(reverse("observatoire:home")))
    assert "Activité du réseau et besoins par quartier" not in before and "map-svg" not in before

    _publish(2025)
    html = _text(client.get(reverse("observatoire:home")))
    assert "Activité du réseau et besoins par quartier, 2025" in html
    assert "map-svg" in html and "INSEE Filosofi" in html
    table = html[html.index("<caption>Activité du réseau (2025)") :]
    table = table[: table.index("</table>")]
    sablons = table[table.index('<th scope="row">Les Sablons</th>') :].split("</tr>")[0]
    assert "<td>500</td>" in sablons and "<td>5 500</td>" in sablons  # 5 structures: shown
    pontlieue = table[table.index('<th scope="row">Pontlieue</th>') :].split("</tr>")[0]
    assert "<td>s</td>" in pontlieue and "<td>7</td>" not in pontlieue  # one structure: secret
    assert "Accueils pour 1 000 habitants" in table
