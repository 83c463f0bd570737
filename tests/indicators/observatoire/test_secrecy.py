"""Statistical secrecy: no figure fed by fewer than three structures, not even by difference."""

from __future__ import annotations

from decimal import Decimal

import pytest

from indicators.observatoire.secrecy import Cell, protect_group
from indicators.observatoire.selectors import network_report

from .network import campaigns, structures, validated_sheets

pytestmark = pytest.mark.django_db


def _row(table, code):
    return next(r for r in table.rows if r["code"] == code)


def test_a_quartier_with_two_structures_is_hidden_and_cannot_be_found_by_difference():
    (c2024, c2025), indicators = campaigns()
    # 2 structures in Les Sablons, 3 in Pontlieue, 5 in the centre.
    sablons = structures(2, quartiers=["sablons"], prefix="a")
    pontlieue = structures(3, quartiers=["pontlieue"], prefix="b")
    centre = structures(5, quartiers=["centre"], prefix="c")
    validated_sheets(sablons + pontlieue + centre, c2025, indicators, lambda i, a: {"personnes": 10 + i})
    report = network_report(year=2025)
    persons = report.by_quartier.codes.index(("personnes", indicators["personnes"].label))
    cells = {
        code: _row(report.by_quartier, code)["cells"][persons] for code in ("sablons", "pontlieue", "centre")
    }
    # Primary: two structures. Secondary: the smallest visible part (Pontlieue, 3 structures).
    assert cells["sablons"].text == "s" and not cells["sablons"].secondary
    assert cells["pontlieue"].text == "s" and cells["pontlieue"].secondary
    assert cells["centre"].text != "s"
    total = report.by_quartier.totals[persons]
    assert total.shown == sum(Decimal(10 + i) for i in range(10))
    # What a reader can subtract covers at least three structures.
    hidden = [c for c in cells.values() if c.suppressed]
    assert sum(c.structures for c in hidden) >= 3

    internal = network_report(year=2025, internal=True)
    cell = _row(internal.by_quartier, "sablons")["cells"][persons]
    assert cell.text == "21"  # 10 + 11: the internal version hides nothing


def test_key_figures_need_three_structures():
    (c2024, c2025), indicators = campaigns()
    validated_sheets(structures(2, prefix="a"), c2024, indicators, lambda i, a: {"personnes": 40})
    validated_sheets(structures(3, prefix="b"), c2025, indicators, lambda i, a: {"personnes": 40})
    report = network_report(year=2025)
    figure = next(f for f in report.key_figures if f.code == "personnes")
    annex = next(f for f in report.annex if f.code == "personnes")
    assert [c.text for c in annex.cells] == ["s", "120"]
    assert annex.evolution == "—"  # no evolution from a hidden year
    assert figure.current.text == "120"


def test_two_hidden_parts_that_together_cover_three_structures_are_enough():
    total = Cell(Decimal(100), structures=9)
    parts = [Cell(Decimal(5), 1), Cell(Decimal(7), 2), Cell(Decimal(88), 6)]
    protect_group(total, parts, internal=False)
    assert [p.text for p in parts] == ["s", "s", "88"]
    assert not any(p.secondary for p in parts)
