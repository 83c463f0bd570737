"""Reference data per territory: IRIS zones feed their quartier when it has no value of its own."""

from __future__ import annotations

from decimal import Decimal

import pytest

from indicators.territories.models import Territory, TerritoryKind
from indicators.territories.selectors import quartier_references
from indicators.territories.services import reference_values_import, territories_create_quartiers

pytestmark = pytest.mark.django_db

HEADER = "territoire;indicateur;annee;valeur;source;licence\n"


def test_iris_zones_are_summed_and_weighted_into_their_quartier():
    territories_create_quartiers()
    for code in ("721810101", "721810102"):
        Territory.objects.create(code=code, name=f"IRIS {code}", kind=TerritoryKind.IRIS, quartier="sablons")
    reference_values_import(
        content=(
            HEADER + "721810101;population;2021;3 000;INSEE RP;Licence ouverte\n"
            "721810102;population;2021;2 000;INSEE RP;Licence ouverte\n"
            "721810101;taux_pauvrete;2021;40;INSEE Filosofi;Licence ouverte\n"
            "721810102;taux_pauvrete;2021;30;INSEE Filosofi;Licence ouverte\n"
            "centre;taux_pauvrete;2021;12,5;INSEE Filosofi;Licence ouverte\n"
        ).encode()
    )
    references = {ref.territory.code: ref for ref in quartier_references(year=2025)}
    assert "721810101" not in references  # only quartiers are listed
    sablons = references["sablons"]
    assert sablons.value("population") == 5000
    assert sablons.value("taux_pauvrete") == Decimal("36.0")  # (40 × 3 000 + 30 × 2 000) / 5 000
    assert "pondérée par leur population" in sablons.values["taux_pauvrete"].source
    assert references["centre"].value("taux_pauvrete") == Decimal("12.5")  # its own value
    assert references["centre"].value("population") is None


def test_the_value_kept_is_the_latest_up_to_the_report_year():
    territories_create_quartiers()
    reference_values_import(
        content=(
            HEADER + "centre;population;2019;10 000;INSEE RP 2019;LO\n"
            "centre;population;2021;10 500;INSEE RP 2021;LO\n"
            "centre;population;2023;11 000;INSEE RP 2023;LO\n"
        ).encode()
    )
    assert {r.territory.code: r for r in quartier_references(year=2022)}["centre"].value(
        "population"
    ) == 10500
    assert {r.territory.code: r for r in quartier_references(year=2018)}["centre"].value(
        "population"
    ) == 10000
    assert {r.territory.code: r for r in quartier_references()}["centre"].value("population") == 11000
