"""Demo: the sample "fiches actions" export (associations/demo_data/). Idempotent."""

from __future__ import annotations

from pathlib import Path

from .services import actions_import_bytes

SAMPLE = Path(__file__).resolve().parent.parent / "demo_data" / "actions_sample.txt"


def load(*, stdout) -> None:
    report = actions_import_bytes(data=SAMPLE.read_bytes())
    stdout.write(
        f"Fiches actions : {len(report.created)} créée(s), "
        f"{len(report.unchanged)} inchangée(s), {len(report.problems)} problème(s)."
    )
