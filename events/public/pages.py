"""What the agenda adds to other apps' pages: a structure's card lists its events (imported by
`load_feature_hooks`; the directory never imports the agenda)."""

from __future__ import annotations

from solidaire.core.pages.sections import PageSection, register_page_section

from .selectors import events_of_structure


def _structure_events(association) -> dict:
    editions = events_of_structure(association=association, limit=10)
    return {"editions": editions} if editions else {}


register_page_section(
    "structure",
    PageSection(key="events", template="events/includes/structure_events.html", context=_structure_events),
)
