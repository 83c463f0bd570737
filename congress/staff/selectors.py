"""Reads for the staff tools: dashboard figures, the export's rows, check-in search and counts.
Every function runs a fixed number of queries whatever the number of registrations."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from congress.editions.models import CongressEdition, Session, SessionKind
from congress.registrations.models import (
    ACTIVE_STATUSES,
    Booking,
    BookingStatus,
    OrganisationKind,
    Registration,
    RegistrationStatus,
)
from solidaire.core.text.french import format_date_numeric
from solidaire.core.text.search import normalize_search


@dataclass
class Dashboard:
    by_status: dict[str, int]
    by_day: list[tuple]
    sessions: list[Session]
    by_kind: list[tuple[str, int]]
    waiting: dict[int, list[Booking]]
    checked_in: int


def dashboard(edition: CongressEdition) -> Dashboard:
    """Registrations per status, day, workshop and lunch (with the waiting lists) and kind of
    organisation (five queries)."""
    registrations = Registration.objects.filter(edition=edition)
    by_status = dict(registrations.values_list("status").annotate(n=Count("pk")).order_by())
    active = Q(registrations__status__in=ACTIVE_STATUSES)
    by_day = [
        (day.date, day.active, day.confirmed)
        for day in edition.days.annotate(
            active=Count("registrations", filter=active),
            confirmed=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)),
        ).order_by("date")
    ]
    sessions = list(
        Session.objects.filter(day__edition=edition, kind__in=[SessionKind.WORKSHOP, SessionKind.LUNCH])
        .select_related("day")
        .annotate(
            waiting_count=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITING)),
            offered_count=Count("bookings", filter=Q(bookings__status=BookingStatus.OFFERED)),
        )
        .order_by("day__date", "starts_at", "kind", "title")
    )
    kinds = dict(
        registrations.filter(status__in=ACTIVE_STATUSES)
        .values_list("organisation_kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    waiting: dict[int, list[Booking]] = {}
    queue = (
        Booking.objects.filter(
            session__day__edition=edition, status__in=[BookingStatus.WAITING, BookingStatus.OFFERED]
        )
        .select_related("registration")
        .order_by("created_at", "pk")
    )
    for booking in queue:
        waiting.setdefault(booking.session_id, []).append(booking)
    return Dashboard(
        by_status={label: by_status.get(value, 0) for value, label in RegistrationStatus.choices},
        by_day=by_day,
        sessions=sessions,
        by_kind=[(label, kinds.get(value, 0)) for value, label in OrganisationKind.choices],
        waiting=waiting,
        checked_in=registrations.filter(checked_in_at__isnull=False).count(),
    )


def export_rows(registrations: QuerySet[Registration]) -> tuple[list[str], list[list]]:
    """Header and rows of the staff export (three queries, whatever the count)."""
    bookings = Prefetch(
        "bookings",
        queryset=Booking.objects.exclude(status=BookingStatus.RELEASED).select_related("session__day"),
    )
    header = [
        "N°",
        "Civilité",
        "Nom",
        "Prénom",
        "E-mail",
        "Téléphone",
        "Organisme",
        "Type d'organisme",
        "Fonction",
        "Ville",
        "Pays",
        "État",
        "Jours",
        "Nombre de jours",
        "Ateliers",
        "Déjeuners",
        "Listes d'attente",
        "Régime alimentaire",
        "Accessibilité",
        "Liste publique",
        "Droit à l'image",
        "Inscrit·e le",
        "Arrivé·e le",
    ]
    rows = []
    for r in registrations.prefetch_related("days", bookings).order_by("last_name", "first_name", "pk"):
        booked = list(r.bookings.all())
        held = [b for b in booked if b.status != BookingStatus.WAITING]
        days = sorted(d.date for d in r.days.all())
        rows.append(
            [
                r.pk,
                r.get_civility_display(),
                r.last_name,
                r.first_name,
                r.email,
                r.phone,
                r.organisation,
                r.get_organisation_kind_display(),
                r.role,
                r.city,
                r.country,
                r.get_status_display(),
                ", ".join(format_date_numeric(day) for day in days),
                len(days),
                ", ".join(b.session.title for b in held if b.session.kind == SessionKind.WORKSHOP),
                ", ".join(
                    format_date_numeric(b.session.day.date)
                    for b in held
                    if b.session.kind == SessionKind.LUNCH
                ),
                ", ".join(b.session.title for b in booked if b.status == BookingStatus.WAITING),
                r.dietary_needs,
                r.accessibility_needs,
                "oui" if r.consent_public_list else "non",
                "oui" if r.consent_image else "non",
                timezone.localtime(r.created_at).date(),  # real dates: the export writes them as such
                timezone.localtime(r.checked_in_at).replace(tzinfo=None, second=0, microsecond=0)
                if r.checked_in_at
                else None,
            ]
        )
    return header, rows


def checkin_search(edition: CongressEdition, query: str, *, limit: int = 20) -> list[Registration]:
    """Confirmed attendees whose name or organisation matches (accents and case folded in
    Python: the list of an edition is small and the query count stays at one)."""
    folded = normalize_search(query or "").strip()
    if len(folded) < 2:
        return []
    found = []
    candidates = Registration.objects.filter(
        edition=edition, status=RegistrationStatus.CONFIRMED, anonymised_at__isnull=True
    ).order_by("last_name", "first_name")
    for registration in candidates.only(
        "pk", "first_name", "last_name", "organisation", "checked_in_at", "checkin_code"
    ):
        haystack = normalize_search(
            f"{registration.first_name} {registration.last_name} {registration.organisation}"
        )
        if all(word in haystack for word in folded.split()):
            found.append(registration)
            if len(found) >= limit:
                break
    return found


def checkin_counts(edition: CongressEdition) -> dict[str, int]:
    """Arrived and expected attendees (one query)."""
    counts = Registration.objects.filter(edition=edition, status=RegistrationStatus.CONFIRMED).aggregate(
        expected=Count("pk"), arrived=Count("pk", filter=Q(checked_in_at__isnull=False))
    )
    return {"expected": counts["expected"], "arrived": counts["arrived"]}


def badge_registrations(edition: CongressEdition) -> list[Registration]:
    bookings = Prefetch(
        "bookings",
        queryset=Booking.objects.filter(status=BookingStatus.PLACE, session__kind=SessionKind.WORKSHOP)
        .select_related("session__day")
        .order_by("session__day__date", "session__starts_at"),
    )
    return list(
        Registration.objects.filter(
            edition=edition, status=RegistrationStatus.CONFIRMED, anonymised_at__isnull=True
        )
        .prefetch_related(bookings)
        .order_by("last_name", "first_name", "pk")
    )
