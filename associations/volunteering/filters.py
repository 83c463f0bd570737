"""Filters of the public missions list (unknown values are ignored and reported on the form)."""

from __future__ import annotations

import django_filters

from associations.structures.taxonomy import Quartier

from .models import MissionStatus, VolunteerMission, VolunteerSkill


class MissionFilter(django_filters.FilterSet):
    quartier = django_filters.ChoiceFilter(
        label="Quartier", choices=Quartier.choices, empty_label="Tous les quartiers"
    )
    competence = django_filters.ModelChoiceFilter(
        label="Compétence",
        field_name="skills",
        to_field_name="slug",
        queryset=VolunteerSkill.objects.filter(missions__status=MissionStatus.PUBLISHED)
        .distinct()
        .order_by("label"),
        empty_label="Toutes",
    )

    class Meta:
        model = VolunteerMission
        fields: list[str] = []
