"""What an information page leads to: an app registers, for a page's slug, the action the page
is about (the council's page leads to its form). The page is written by staff and the form
lives in an app the ground floor does not import: this registry joins them, as the worklist
does for pending work.

    from solidaire.core.pages.actions import PageAction, register_page_action

    register_page_action("conseil-des-usagers", PageAction(label="…", url_name="associations:council_join"))
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class PageAction:
    label: str  # French, the link's text: « Rejoindre le conseil des usagers »
    url_name: str
    intro: str = ""  # French, a sentence before the link


_actions: dict[str, list[PageAction]] = {}


def register_page_action(slug: str, action: PageAction) -> None:
    """Add an action to the page `slug` (registering the same one twice keeps one)."""
    actions = _actions.setdefault(slug, [])
    if action not in actions:
        actions.append(action)


def page_actions(slug: str) -> list[dict]:
    """The actions of a page, with their URLs (an action whose URL is gone is left out)."""
    found = []
    for action in _actions.get(slug, []):
        try:
            found.append({"label": action.label, "intro": action.intro, "url": reverse(action.url_name)})
        except NoReverseMatch:
            continue
    return found
