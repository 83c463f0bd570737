"""Demo reference data: one territory per quartier, a small table of reference indicators and
schematic contours, both clearly labelled as demonstration values (not real statistics).
Idempotent: a second run changes nothing."""

from __future__ import annotations

from pathlib import Path

from .models import ReferenceValue, Territory
from .services import reference_values_import, territories_create_quartiers, territory_contours_import

DATA = Path(__file__).resolve().parent / "demo_data"


def load(*, stdout) -> None:
    created = territories_create_quartiers()
    if not ReferenceValue.objects.exists():
        count = reference_values_import(content=(DATA / "reference_demo.csv").read_bytes(), is_demo=True)
        stdout.write(f"Territoires : {count} valeurs de référence de démonstration (fictives).")
    if not Territory.objects.filter(contour__isnull=False).exists():
        territory_contours_import(content=(DATA / "contours_demo.geojson").read_bytes())
    stdout.write(f"Territoires : {created} quartier(s) créé(s).")
