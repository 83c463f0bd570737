"""The events page's filters (kind, month, quartier, structure), kept in the URL and shared by the
page and the calendar feed. An unknown value makes that field invalid: it is ignored and the
page shows django's French message next to it (never a 500)."""

from __future__ import annotations

import datetime as dt

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from associations.structures.models import Association
from associations.structures.taxonomy import Quartier
from solidaire.core.widgets import FlatSelect

from ..calendar.models import Edition, SeriesKind
from ..participation.models import Participation, ParticipationStatus


def month_bounds(value: str) -> tuple[dt.datetime, dt.datetime]:
    """« 2027-06 » → the first instants of June and of July 2027, Europe/Paris."""
    year, month = (int(part) for part in value.split("-"))
    start = dt.datetime(year, month, 1)
    end = dt.datetime(year + (month == 12), month % 12 + 1, 1)
    zone = timezone.get_current_timezone()
    return start.replace(tzinfo=zone), end.replace(tzinfo=zone)


class MonthField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return ""
        try:
            year, month = (int(part) for part in value.split("-"))
            if not (1 <= month <= 12 and 2000 <= year <= 2100):
                raise ValueError
        except ValueError:
            raise forms.ValidationError(
                "Mois inconnu : choisissez un mois de la liste (ex. 2027-06)."
            ) from None
        return f"{year:04d}-{month:02d}"


class MonthFilter(django_filters.Filter):
    field_class = MonthField

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        if not value:
            return qs
        start, end = month_bounds(value)
        return qs.filter(starts_at__lt=end, ends_at__gte=start)


def structures_in_events() -> QuerySet[Association]:
    """Structures that organise or take part in an edition: the choices of the structure filter."""
    taking_part = Participation.objects.filter(
        association=OuterRef("pk"), status=ParticipationStatus.ACCEPTED
    )
    organising = Edition.organisers.through.objects.filter(association=OuterRef("pk"))
    return (
        Association.objects.filter(Q(Exists(taking_part)) | Q(Exists(organising)))
        .only("pk", "slug", "name")
        .order_by("name")
    )


class EditionFilter(django_filters.FilterSet):
    type = django_filters.ChoiceFilter(
        label="Type",
        field_name="series__kind",
        choices=SeriesKind.choices,
        empty_label="Tous",
        widget=FlatSelect,
    )
    # No placeholder: HTML does not allow one on <input type="month">; browsers without a month
    # picker show a text box, which the label's format hint guides.
    mois = MonthFilter(label="Mois (AAAA-MM)", widget=forms.TextInput(attrs={"type": "month"}))
    quartier = django_filters.ChoiceFilter(
        label="Quartier", choices=Quartier.choices, empty_label="Tous", widget=FlatSelect
    )
    structure = django_filters.ModelChoiceFilter(
        label="Structure",
        queryset=structures_in_events(),
        to_field_name="slug",
        method="filter_structure",
        empty_label="Toutes",
        widget=FlatSelect,
    )

    class Meta:
        model = Edition
        fields: list[str] = []

    def filter_structure(self, qs: QuerySet, name: str, value: Association) -> QuerySet:
        if not value:
            return qs
        taking_part = Participation.objects.filter(
            edition=OuterRef("pk"), association=value, status=ParticipationStatus.ACCEPTED
        )
        organising = Edition.organisers.through.objects.filter(edition=OuterRef("pk"), association=value)
        return qs.filter(Q(Exists(taking_part)) | Q(Exists(organising)))
