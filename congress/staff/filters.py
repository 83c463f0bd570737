"""Filters of the staff export."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from congress.editions.models import CongressEdition, Session, SessionKind
from congress.registrations.models import BookingStatus, OrganisationKind, Registration, RegistrationStatus


class RegistrationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label="État", choices=RegistrationStatus.choices, empty_label="Tous")
    organisation_kind = django_filters.ChoiceFilter(
        label="Type d'organisme", choices=OrganisationKind.choices, empty_label="Tous"
    )
    day = django_filters.ModelChoiceFilter(
        label="Jour", field_name="days", queryset=None, empty_label="Tous les jours"
    )
    session = django_filters.ModelChoiceFilter(
        label="Atelier ou déjeuner", queryset=None, method="filter_session", empty_label="Tous"
    )

    class Meta:
        model = Registration
        fields = ["status", "organisation_kind", "day", "session"]

    def __init__(self, *args, edition: CongressEdition, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["day"].queryset = edition.days.order_by("date")
        self.filters["session"].queryset = Session.objects.filter(
            day__edition=edition, kind__in=[SessionKind.WORKSHOP, SessionKind.LUNCH]
        ).select_related("day")

    def filter_session(self, queryset, name, value):
        if not value:
            return queryset
        held = Q(bookings__session=value) & ~Q(bookings__status=BookingStatus.RELEASED)
        return queryset.filter(held).distinct()
