"""Filters of the public actions list. Unknown values make the form invalid: the field is then
ignored (django-filter leaves it out of cleaned_data) and its error shown, never a 500."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from associations.structures.models import Association

from .models import Action, ActionDimension, ActionKeyword, ActionPublic, ActionStatus


def _used(model):
    # Only terms some action uses: an option that returns nothing is noise.
    return model.objects.filter(actions__isnull=False).distinct().order_by("label")


class ActionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Mots du titre ou du résumé", method="filter_text")
    dimension = django_filters.ModelChoiceFilter(
        label="Dimension",
        field_name="dimensions",
        to_field_name="slug",
        queryset=_used(ActionDimension),
        empty_label="Toutes",
    )
    mot_cle = django_filters.ModelChoiceFilter(
        label="Mot-clé",
        field_name="keywords",
        to_field_name="slug",
        queryset=_used(ActionKeyword),
        empty_label="Tous",
    )
    public = django_filters.ModelChoiceFilter(
        label="Public",
        field_name="publics",
        to_field_name="slug",
        queryset=_used(ActionPublic),
        empty_label="Tous",
    )
    statut = django_filters.ChoiceFilter(
        label="Statut",
        field_name="status",
        choices=ActionStatus.choices,
        empty_label="Tous",
    )
    structure = django_filters.ModelChoiceFilter(
        label="Structure organisatrice",
        field_name="structure",
        to_field_name="slug",
        queryset=Association.objects.filter(actions__isnull=False).distinct().order_by("name"),
        empty_label="Toutes",
    )

    class Meta:
        model = Action
        fields: list[str] = []

    def filter_text(self, queryset, name, value):
        words = value.split()[:8]
        for word in words:
            queryset = queryset.filter(Q(title__icontains=word) | Q(summary__icontains=word))
        return queryset
