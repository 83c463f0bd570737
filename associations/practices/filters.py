"""Filters of the practices list: words, thematique, public, quartier (unknown values ignored
with django's French message, never a 500)."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet

from associations.search.selectors import search_filter
from associations.structures.cache import thematique_choices
from associations.structures.fields import has_choice
from associations.structures.taxonomy import Public, Quartier
from solidaire.core.widgets import FlatSelect

from .models import Practice


class PracticeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Mots-clés", method="filter_noop", max_length=200)
    thematique = django_filters.ChoiceFilter(
        label="Thématique", choices=[], method="filter_noop", empty_label="Toutes", widget=FlatSelect
    )
    public = django_filters.ChoiceFilter(
        label="Public", choices=Public.choices, method="filter_noop", empty_label="Tous", widget=FlatSelect
    )
    quartier = django_filters.ChoiceFilter(
        label="Quartier",
        choices=Quartier.choices,
        method="filter_noop",
        empty_label="Tous",
        widget=FlatSelect,
    )

    class Meta:
        model = Practice
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["thematique"].extra["choices"] = thematique_choices()

    def filter_noop(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        data = self.form.cleaned_data
        qs = queryset
        if data.get("q"):
            qs = search_filter(qs, data["q"])
        if data.get("thematique"):
            qs = qs.filter(thematiques__slug=data["thematique"])
        if data.get("public"):
            qs = qs.filter(has_choice("publics", data["public"]) | has_choice("publics", Public.TOUS_PUBLICS))
        if data.get("quartier"):
            qs = qs.filter(
                Q(quartier=data["quartier"]) | Q(quartier="", association__quartier=data["quartier"])
            )
        return qs

    @property
    def structure_criteria_only(self) -> bool:
        """Only words and quartier: the social centres' fiches actions (no thematique nor
        public of ours) can be listed beside the practices."""
        data = self.form.cleaned_data if self.is_bound and self.form.is_valid() else {}
        return not data.get("thematique") and not data.get("public")
