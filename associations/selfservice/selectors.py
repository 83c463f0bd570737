"""Reads of the members' pages."""

from __future__ import annotations

from associations.structures.models import Association, Service


def association_as_stored(*, association: Association) -> Association:
    """The structure read again: a bound card form has already written what was typed onto the
    instance it was given, and the service compares the change with what is stored."""
    return Association.objects.get(pk=association.pk)


def services_by_name(*, association: Association) -> list[Service]:
    return list(association.services.order_by("name"))
