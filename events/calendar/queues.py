"""The CCAS's event queues (participations, proposals) filter the same way: by year, state
and structure, opening on what waits for a decision. Each feature's FilterSet names its model,
its pending state and where its year and structure are read."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.db.models.functions import ExtractYear
from django.http import QueryDict

from associations.structures.models import Association
from solidaire.core.widgets import FlatSelect

ALL = "tous"


class StaffQueueFilter(django_filters.FilterSet):
    """`?etat=` defaults to the pending state (`?etat=tous` shows every state); `?annee=` and
    `?structure=` (a slug) only offer values that occur. Unknown values get django's French
    message on the form and leave the list unfiltered, never a 500."""

    pending: str = ""
    state_choices: list[tuple[str, str]] = []
    year_field = ""  # a datetime field, e.g. "edition__starts_at"

    annee = django_filters.ChoiceFilter(
        label="Année", choices=[], method="filter_noop", empty_label="Toutes", widget=FlatSelect
    )
    etat = django_filters.ChoiceFilter(label="État", choices=[], method="filter_noop", widget=FlatSelect)
    structure = django_filters.ChoiceFilter(
        label="Structure", choices=[], method="filter_noop", empty_label="Toutes", widget=FlatSelect
    )

    def __init__(self, data: QueryDict | None = None, *args, **kwargs):
        data = data.copy() if data is not None else QueryDict(mutable=True)
        if not data.get("etat"):
            data["etat"] = self.pending
        super().__init__(data, *args, **kwargs)
        base = self.queryset
        self.filters["etat"].extra.update(
            choices=[*self.state_choices, (ALL, "Tous les états")], empty_label=None
        )
        years = (
            base.annotate(year=ExtractYear(self.year_field))
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
        self.filters["annee"].extra["choices"] = [(str(year), str(year)) for year in years]
        structures = Association.objects.filter(pk__in=base.values("association")).order_by("name")
        self.filters["structure"].extra["choices"] = list(structures.values_list("slug", "name"))

    @property
    def state_label(self) -> str:
        """The chosen state in words (« En attente de réponse »), empty for every state."""
        chosen = self.form.cleaned_data.get("etat") if self.form.is_valid() else self.pending
        return dict(self.state_choices).get(chosen, "")

    def filter_noop(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        data = self.form.cleaned_data
        if data.get("etat") and data["etat"] != ALL:
            queryset = queryset.filter(status=data["etat"])
        if data.get("annee"):
            queryset = queryset.filter(**{f"{self.year_field}__year": int(data["annee"])})
        if data.get("structure"):
            queryset = queryset.filter(association__slug=data["structure"])
        return queryset
