"""Demo data of the directory: its structures, then the features that use them. Idempotent."""

from __future__ import annotations

from .actions import demo as actions_demo
from .practices import demo as practices_demo
from .search import demo as search_demo
from .structures import demo as structures_demo
from .volunteering import demo as volunteering_demo


def load(*, stdout) -> None:
    # Structures first: the actions and the missions belong to them.
    for demo in (structures_demo, actions_demo, volunteering_demo, practices_demo, search_demo):
        demo.load(stdout=stdout)
