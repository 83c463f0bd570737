"""Demo: the sample "fiches actions" export (associations/demo_data/). Idempotent."""

from __future__ import annotations

from pathlib import Path

from solidaire.core.text.french import format_count

from .services import actions_import_bytes

SAMPLE = Path(__file__).resolve().parent.parent / "demo_data" / "actions_sample.txt"


def load(*, stdout) -> None:
    report = actions_import_bytes(data=SAMPLE.read_bytes())
    stdout.write(
        f"Fiches actions : {format_count(len(report.created), 'créée', feminine=True)}, "
        f"{format_count(len(report.unchanged), 'inchangée', feminine=True)}, "
        f"{format_count(len(report.problems), 'problème')}."
    )
