"""The territories imports on hostile files near the 2 MB limit (issue 19.3: a 2 MB CSV of bad
lines took 16 s in one request). Prints the seconds each refusal (or import) takes in-process.

Run: `python -m bench.bench_imports` (or `make bench`).
"""

from __future__ import annotations

import json
import time

from bench import harness

HEADER = "territoire;indicateur;annee;valeur;source;licence\n"


def _time(label: str, call) -> None:
    from django.core.exceptions import ValidationError

    start = time.perf_counter()
    try:
        outcome = f"{call()} ligne(s) importée(s)"
    except ValidationError as exc:
        outcome = f"refusé, {len(exc.messages)} message(s) : {exc.messages[0][:60]}"
    print(f"{label:<55} {time.perf_counter() - start:6.3f} s  {outcome}", flush=True)


def main() -> None:
    harness.setup_django()
    from indicators.territories.models import ReferenceValue, Territory
    from indicators.territories.services import (
        reference_values_import,
        territories_create_quartiers,
        territory_contours_import,
    )

    territories_create_quartiers()
    harness.heading("Territories imports near the 2 MB limit (in-process)")
    bad_lines = (HEADER + "nulle-part;chomeurs;20x;abc;;\n" * 65_000).encode()
    _time(
        f"CSV of bad lines ({len(bad_lines) / 1e6:.1f} MB)",
        lambda: reference_values_import(content=bad_lines),
    )
    good = HEADER + "".join(
        f"sablons;{indicator};{1000 + i};{i % 100};INSEE;LO\n"
        for i in range(8_999)
        for indicator in ("population", "taux_chomage", "taux_pauvrete")
    )
    _time(
        f"CSV of good lines, one bad at the end ({len(good) / 1e6:.1f} MB)",
        lambda: reference_values_import(content=(good + "x;y;z;;;\n").encode()),
    )
    _time(
        "CSV with an unclosed quote (1.9 MB)",
        lambda: reference_values_import(
            content=(HEADER + 'sablons;population;2021;"1' + "9" * 1_900_000).encode()
        ),
    )
    _time(
        "JSON nested 1,000,000 deep (2 MB)",
        lambda: territory_contours_import(content=b"[" * 1_000_000 + b"]" * 1_000_000),
    )
    ring = [[0.2 + i * 1e-6, 48.0 + (i % 2) * 1e-4] for i in range(60_000)]
    ring.append(ring[0])
    big = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": "sablons"},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        ],
    }
    content = json.dumps(big).encode()
    _time(
        f"GeoJSON, one zigzag contour of 60,000 points ({len(content) / 1e6:.1f} MB)",
        lambda: territory_contours_import(content=content),
    )
    ReferenceValue.objects.filter(territory__code="sablons").delete()
    Territory.objects.filter(code="sablons").update(contour=None)


if __name__ == "__main__":
    main()
