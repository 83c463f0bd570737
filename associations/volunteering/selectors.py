"""Reads for the volunteering pages."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from associations.structures.models import Association
from associations.structures.taxonomy import PublicationStatus

from .filters import MissionFilter
from .models import MissionStatus, VolunteerInterest, VolunteerMission


def mission_list_public() -> QuerySet[VolunteerMission]:
    """Open missions of published structures, with what the list shows (fixed query count)."""
    return (
        VolunteerMission.objects.filter(
            status=MissionStatus.PUBLISHED, association__status=PublicationStatus.PUBLISHED
        )
        .select_related("association")
        .prefetch_related("skills")
        .order_by("-created_at", "-id")
    )


def mission_filter(*, params) -> MissionFilter:
    return MissionFilter(params or None, queryset=mission_list_public())


def mission_get_public(*, pk: int) -> VolunteerMission:
    return mission_list_public().get(pk=pk)


def missions_open_of_association(*, association: Association) -> list[VolunteerMission]:
    """The open missions shown on the structure's public card."""
    return list(mission_list_public().filter(association=association))


def missions_of_association(*, association: Association) -> QuerySet[VolunteerMission]:
    """All the structure's missions, open first, with their number of proposals."""
    return (
        VolunteerMission.objects.filter(association=association)
        .prefetch_related("skills")
        .annotate(interest_count=Count("interests"))
        .order_by("-status", "-created_at")
    )


def interests_of_association(*, association: Association) -> QuerySet[VolunteerInterest]:
    return (
        VolunteerInterest.objects.filter(mission__association=association)
        .select_related("mission")
        .order_by("-created_at")
    )
