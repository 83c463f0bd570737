"""Reads on participations: the staff queue, a structure's applications, the worklist count,
whom to write to about a participation."""

from __future__ import annotations

from django.db.models import Case, Count, IntegerField, Min, Q, QuerySet, Value, When

from associations.structures.models import Association

from ..calendar.models import Edition
from .filters import StaffParticipationFilter
from .models import Participation, ParticipationStatus


def participations_to_review() -> QuerySet[Participation]:
    """Every application, pending ones first (then by edition date), with what the staff page
    shows (one query)."""
    waiting = Case(
        When(status=ParticipationStatus.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return Participation.objects.select_related(
        "edition", "edition__series", "association", "applied_by"
    ).order_by(waiting, "edition__starts_at", "created_at", "pk")


def participations_queue(*, params) -> StaffParticipationFilter:
    """The staff page's list: pending applications unless `params` ask for another state, year
    or structure (`.qs` to paginate, `.form` to show)."""
    return StaffParticipationFilter(params, queryset=participations_to_review())


def pending_summary() -> dict:
    """{count, oldest} of pending applications (one query)."""
    return Participation.objects.filter(status=ParticipationStatus.PENDING).aggregate(
        count=Count("pk"), oldest=Min("created_at")
    )


def participation_get(*, pk: int) -> Participation:
    return participations_to_review().get(pk=pk)


def applications_of(
    *, associations: QuerySet[Association] | list[Association], edition: Edition
) -> list[Participation]:
    """The user's structures' applications to `edition` (to show their state on the form)."""
    return list(
        Participation.objects.filter(edition=edition, association__in=associations).select_related(
            "association"
        )
    )


def edition_occupancy(*, edition: Edition) -> dict:
    """{accepted, pending} counts for an edition (one query)."""
    return Participation.objects.filter(edition=edition).aggregate(
        accepted=Count("pk", filter=Q(status=ParticipationStatus.ACCEPTED)),
        pending=Count("pk", filter=Q(status=ParticipationStatus.PENDING)),
    )


def structure_recipients(participation: Participation) -> list[str]:
    """Whom to write to about a structure's participation: the structure's address and the member
    who applied. Every e-mail about a participation (decision, cancelled or moved edition) goes
    to them; `association` and `applied_by` should be joined."""
    addresses = (participation.association.email, getattr(participation.applied_by, "email", ""))
    return sorted({email for email in addresses if email})


def editions_with_series() -> QuerySet[Edition]:
    """Editions with their series (the application page names both)."""
    return Edition.objects.select_related("series")
