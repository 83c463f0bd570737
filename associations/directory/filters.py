"""The directory's search form: django-filter FilterSet over published structures.

Service criteria (thematique, public, access, free) are combined into ONE `Exists` on the
services table, so "aide alimentaire + gratuit" means one free food service, not any free
service plus any food service; and no join can duplicate a structure in the page.
Unknown values make the form invalid for that field only: the field is ignored and the page
shows django's French message next to it (never a 500).
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from associations.structures.cache import thematique_choices
from associations.structures.fields import has_choice
from associations.structures.models import Association, Service
from associations.structures.taxonomy import AccessCondition, Fee, Language, Public, Quartier
from associations.structures.workflow import OpeningSlot
from solidaire.core.text.search import normalize_search
from solidaire.core.widgets import FlatSelect

MAX_SEARCH_WORDS = 8


def search_filter(qs: QuerySet, text: str, *, fuzzy: bool = False) -> QuerySet:
    """Every word of `text` must appear in the normalised search column. With `fuzzy` (on
    PostgreSQL only) a word also matches a close spelling (pg_trgm word similarity:
    "epicerei" finds "épicerie")."""
    words = [w for w in normalize_search(text).split() if w][:MAX_SEARCH_WORDS]
    fuzzy = fuzzy and connection.vendor == "postgresql"
    for word in words:
        condition = Q(search_text__contains=word)
        if fuzzy and len(word) >= 4:
            condition |= Q(search_text__trigram_word_similar=word)
        qs = qs.filter(condition)
    return qs


class AssociationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Mots-clés", method="filter_noop", max_length=200)
    # Choices (slug, label) set per instance from the cache, see __init__.
    thematique = django_filters.ChoiceFilter(
        label="Thématique", choices=[], method="filter_noop", empty_label="Toutes", widget=FlatSelect
    )
    public = django_filters.ChoiceFilter(
        label="Public", choices=Public.choices, method="filter_noop", empty_label="Tous", widget=FlatSelect
    )
    quartier = django_filters.ChoiceFilter(
        label="Quartier", choices=Quartier.choices, empty_label="Tous", widget=FlatSelect
    )
    acces = django_filters.ChoiceFilter(
        label="Conditions d'accès",
        choices=AccessCondition.choices,
        method="filter_noop",
        empty_label="Toutes",
        widget=FlatSelect,
    )
    langue = django_filters.ChoiceFilter(
        label="Langue parlée",
        choices=Language.choices,
        method="filter_noop",
        empty_label="Toutes",
        widget=FlatSelect,
    )
    gratuit = django_filters.BooleanFilter(
        label="Gratuit uniquement", method="filter_noop", widget=forms.CheckboxInput
    )
    ouvert = django_filters.BooleanFilter(
        label="Ouvert maintenant", method="filter_noop", widget=forms.CheckboxInput
    )
    pmr = django_filters.BooleanFilter(
        label="Accessible PMR", method="filter_noop", widget=forms.CheckboxInput
    )

    class Meta:
        model = Association
        fields: list[str] = []

    # Set by the selector for a second pass when the exact search finds nothing.
    fuzzy = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The thematiques are rows, but they change only with the directory version: reading them
        # from the cache spares every uncached page two queries (the options, the chosen slug).
        self.filters["thematique"].extra["choices"] = thematique_choices()

    def filter_noop(self, queryset, name, value):
        # The real work is in filter_queryset, which sees all criteria at once.
        return queryset

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        data = self.form.cleaned_data
        qs = queryset
        if data.get("q"):
            qs = search_filter(qs, data["q"], fuzzy=self.fuzzy)
        if data.get("quartier"):
            qs = qs.filter(quartier=data["quartier"])
        if data.get("langue"):
            qs = qs.filter(has_choice("languages", data["langue"]))
        if data.get("pmr"):
            qs = qs.filter(pmr_accessible=True)
        service_q = Q()
        if data.get("thematique"):
            service_q &= Q(thematiques__slug=data["thematique"])
        if data.get("public"):
            # A service open to everyone serves every public.
            service_q &= has_choice("publics", data["public"]) | has_choice("publics", Public.TOUS_PUBLICS)
        if data.get("acces"):
            service_q &= has_choice("access_conditions", data["acces"])
        if data.get("gratuit"):
            service_q &= Q(fee=Fee.GRATUIT)
        if service_q:
            qs = qs.filter(Exists(Service.objects.filter(service_q, association=OuterRef("pk"))))
        if data.get("ouvert"):
            now = timezone.localtime()
            minute = now.hour * 60 + now.minute
            qs = qs.filter(
                Exists(
                    OpeningSlot.objects.filter(
                        association=OuterRef("pk"),
                        weekday=now.weekday(),
                        opens__lte=minute,
                        closes__gt=minute,
                    )
                )
            )
        return qs
