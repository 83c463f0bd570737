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
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from associations.search.selectors import rank_by_name, search_filter
from associations.structures.cache import thematique_choices
from associations.structures.fields import has_choice
from associations.structures.hours import holiday_name
from associations.structures.models import Association, Service
from associations.structures.taxonomy import AccessCondition, Fee, Language, Public, Quartier
from associations.structures.workflow import OpeningSlot
from solidaire.core.widgets import FlatSelect


def _slots_open(*, now, whole_day: bool, **scope) -> Exists:
    """An opening slot of `scope` (the structure's own, or a service's) open now, or at some
    time today with `whole_day`; on a public holiday, slots of "PH off" rules do not count."""
    minute = now.hour * 60 + now.minute
    conditions = Q(weekday=now.weekday())
    if not whole_day:
        conditions &= Q(opens__lte=minute, closes__gt=minute)
    if holiday_name(now.date()):
        conditions &= Q(holidays_closed=False)
    return Exists(OpeningSlot.objects.filter(conditions, **scope))


def _closed_on(day, prefix: str = "") -> Q:
    """A temporary closure covering `day` (prefix "" for the structure's own fields)."""
    return Q(**{f"{prefix}closed_from__lte": day}) & (
        Q(**{f"{prefix}closed_until__isnull": True}) | Q(**{f"{prefix}closed_until__gte": day})
    )


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
    aujourdhui = django_filters.BooleanFilter(
        label="Ouvert aujourd'hui", method="filter_noop", widget=forms.CheckboxInput
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
            qs = rank_by_name(search_filter(qs, data["q"], fuzzy=self.fuzzy), data["q"])
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
        when = "now" if data.get("ouvert") else "today" if data.get("aujourdhui") else None
        if when and data.get("thematique"):
            # The service's own hours (the shower's) decide, else the structure's; a service
            # closed for a while is not open, whatever its hours.
            now = timezone.localtime()
            whole_day = when == "today"
            own = _slots_open(now=now, whole_day=whole_day, service=OuterRef("pk"))
            structure = _slots_open(
                now=now, whole_day=whole_day, association=OuterRef("association"), service__isnull=True
            )
            service_q &= ~_closed_on(now.date()) & (own | (Q(opening_hours="") & structure))
        elif when:
            now = timezone.localtime()
            qs = qs.filter(
                _slots_open(
                    now=now, whole_day=when == "today", association=OuterRef("pk"), service__isnull=True
                )
            )
        if service_q:
            qs = qs.filter(Exists(Service.objects.filter(service_q, association=OuterRef("pk"))))
        if when:
            qs = qs.exclude(_closed_on(timezone.localdate()))
        return qs
