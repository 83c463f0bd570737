"""What another app adds to a page of the directory (a structure's events on its card): the app
registers a section, a template and the function that gives its context, from its `pages.py`;
the page's view asks for them. The directory neither imports that app nor loads its template
tags (a tag that queries is a dependency a template hides), as the worklist does for pending
work and `actions.py` for information pages.

    from solidaire.core.pages.sections import PageSection, register_page_section

    register_page_section(
        "structure",
        PageSection(key="events", template="events/includes/structure_events.html", context=...),
    )
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PageSection:
    key: str  # unique per page: registering it again replaces it (reloads, tests)
    template: str
    # The section's context for the page's object, one query at most; empty: nothing to show.
    context: Callable[[object], dict]


_sections: dict[str, dict[str, PageSection]] = {}


def register_page_section(page: str, section: PageSection) -> None:
    _sections.setdefault(page, {})[section.key] = section


def page_sections(page: str, obj) -> list[dict]:
    """The sections of `page` that have something to show for `obj`, in registration order:
    [{"template": ..., "context": {...}}] for `{% include section.template with ... %}`."""
    found = []
    for section in _sections.get(page, {}).values():
        context = section.context(obj)
        if context:
            found.append({"key": section.key, "template": section.template, "context": context})
    return found
