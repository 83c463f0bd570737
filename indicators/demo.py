"""Demo indicators: the catalogue and its campaigns, then the structures' sheets (see each
feature's `demo.py`). Called by `load_demo`; idempotent: a second run changes nothing."""

from __future__ import annotations

from .catalogue import demo as catalogue_demo
from .sheets import demo as sheets_demo
from .sheets.models import Sheet
from .territories import demo as territories_demo


def load(*, stdout) -> None:
    indicators, campaigns = catalogue_demo.load()
    sheets_demo.load(indicators=indicators, campaigns=campaigns)
    # What the demo holds, not what this run created: a second run prints the same line.
    stdout.write(
        f"Indicateurs : {len(indicators)} indicateurs, {len(campaigns)} campagnes, "
        f"{Sheet.objects.count()} fiches annuelles."
    )
    territories_demo.load(stdout=stdout)
