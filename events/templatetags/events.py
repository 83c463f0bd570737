"""`{% load events %}` for templates of other apps (the directory card), so that `associations`
never imports `events`: the dependency stays one way (events → associations)."""

from __future__ import annotations

from django import template

from ..public.selectors import events_of_structure

register = template.Library()


@register.simple_tag
def structure_events(association, limit: int = 10):
    """The editions `association` takes part in or organises (one query)."""
    return events_of_structure(association=association, limit=limit)
