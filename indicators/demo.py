"""Demo indicators: the catalogue and its campaigns, then the structures' sheets (see each
feature's `demo.py`). Called by `load_demo`; idempotent: a second run changes nothing."""

from __future__ import annotations

from .catalogue import demo as catalogue_demo
from .sheets import demo as sheets_demo
from .territories import demo as territories_demo


def load(*, stdout) -> None:
    indicators, campaigns = catalogue_demo.load()
    created = sheets_demo.load(indicators=indicators, campaigns=campaigns)
    stdout.write(
        f"Indicateurs : {len(indicators)} indicateurs, {len(campaigns)} campagnes, {created} fiches créées."
    )
    territories_demo.load(stdout=stdout)
