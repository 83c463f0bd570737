"""Reads for the public actions pages."""

from __future__ import annotations

from django.db.models import QuerySet

from .filters import ActionFilter
from .models import Action


def action_list_public() -> QuerySet[Action]:
    """Every imported action with what the list shows, in a fixed number of queries."""
    return (
        Action.objects.select_related("structure")
        .prefetch_related("dimensions", "keywords", "publics")
        .order_by("title", "id")
    )


def action_filter(*, params) -> ActionFilter:
    """The list filtered by the query string (unknown values ignored, see ActionFilter)."""
    return ActionFilter(params or None, queryset=action_list_public())


def action_get_public(*, slug: str) -> Action:
    return (
        Action.objects.select_related("structure")
        .prefetch_related("dimensions", "keywords", "publics", "partners", "initiators")
        .get(slug=slug)
    )


def actions_of_structure(*, association) -> list[Action]:
    """The actions a structure organised, for its public card (titles and status only)."""
    return list(
        Action.objects.filter(structure=association).only("title", "slug", "status").order_by("title", "id")
    )
