"""Demo: the sample "fiches actions" export (associations/demo_data/). Idempotent."""

from __future__ import annotations

from pathlib import Path

from solidaire.core.text.french import format_count

from .models import Action
from .services import actions_import_bytes

SAMPLE = Path(__file__).resolve().parent.parent / "demo_data" / "actions_sample.txt"


def load(*, stdout) -> None:
    report = actions_import_bytes(data=SAMPLE.read_bytes())
    # What the demo holds, not what this run did (load_demo prints the same lines every time).
    refused = (
        f", {format_count(len(report.problems), 'ligne refusée', feminine=True)}" if report.problems else ""
    )
    stdout.write(f"Fiches actions : {Action.objects.count()} fiches des centres sociaux{refused}.")
