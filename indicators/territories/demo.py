"""Demo reference data: one territory per quartier, a small table of reference indicators and
simplified quartier contours, both clearly labelled as demonstration values (not real statistics,
not the official boundaries). Idempotent: a second run changes nothing.

The contours (demo_data/contours_demo.geojson) are adjacent polygons around approximate positions
of Le Mans' quartiers, clipped to a rough outline of the city, so the report's map reads as a map.
"""

from __future__ import annotations

import json
from pathlib import Path

from .models import ReferenceValue, Territory, TerritoryKind
from .services import reference_values_import, territories_create_quartiers, territory_contours_import

DATA = Path(__file__).resolve().parent / "demo_data"
CONTOURS = DATA / "contours_demo.geojson"


def load(*, stdout) -> None:
    territories_create_quartiers()
    if not ReferenceValue.objects.exists():
        reference_values_import(content=(DATA / "reference_demo.csv").read_bytes(), is_demo=True)
    content = CONTOURS.read_bytes()
    wanted = {f["properties"]["code"]: f["geometry"] for f in json.loads(content)["features"]}
    current = dict(Territory.objects.filter(code__in=wanted).values_list("code", "contour"))
    if current != wanted:  # first run, or the schematic rectangles of earlier demos
        territory_contours_import(content=content)
    # What the demo holds, not what this run did: a second run prints the same line.
    quartiers = Territory.objects.filter(kind=TerritoryKind.QUARTIER).count()
    values = ReferenceValue.objects.filter(is_demo=True).count()
    stdout.write(
        f"Territoires : {quartiers} quartiers aux contours simplifiés de démonstration, "
        f"{values} valeurs de référence de démonstration (fictives)."
    )
