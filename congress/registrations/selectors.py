"""Reads on registrations: by token, the choices offered on the form, summaries, data export,
the public list of participants, a person's registrations in « Mon espace »."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, When
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

from congress.editions.models import CongressDay, CongressEdition, RegistrationState, Session, SessionKind
from solidaire.accounts.selectors import verified_addresses
from solidaire.core.text.french import format_date, format_datetime, format_time

from .models import ACTIVE_STATUSES, Booking, BookingStatus, Registration, RegistrationStatus


@dataclass
class Slot:
    """The workshops running at the same time on one day: an attendee picks one (or none)."""

    key: str
    day: CongressDay
    label: str
    sessions: list[Session]


@dataclass
class FormChoices:
    days: list[CongressDay]
    slots: list[Slot]
    lunches: list[Session]


def form_choices(edition: CongressEdition) -> FormChoices:
    """Days, workshop slots and lunches of an edition, with their places taken (two queries)."""
    days = list(edition.days.order_by("date"))
    sessions = Session.objects.filter(
        day__edition=edition, kind__in=[SessionKind.WORKSHOP, SessionKind.LUNCH]
    )
    sessions = list(sessions.select_related("day", "theme").order_by("day__date", "starts_at", "title"))
    grouped: dict[tuple, list[Session]] = defaultdict(list)
    lunches = []
    for session in sessions:
        if session.kind == SessionKind.LUNCH:
            lunches.append(session)
        else:
            grouped[(session.day, session.starts_at)].append(session)
    slots = [
        Slot(
            key=f"slot_{day.date:%Y%m%d}_{start:%H%M}",
            day=day,
            label=f"Atelier du {format_date(day.date)} à {format_time(start)}",
            sessions=items,
        )
        for (day, start), items in grouped.items()
    ]
    return FormChoices(days=days, slots=slots, lunches=lunches)


def registration_by_token(token: str) -> Registration | None:
    """The registration of a private link, with its edition, days and bookings."""
    if not token or len(token) > 64:
        return None
    bookings = Prefetch(
        "bookings",
        queryset=Booking.objects.select_related("session__day", "session__theme").order_by(
            "session__day__date", "session__starts_at"
        ),
    )
    return (
        Registration.objects.select_related("edition")
        .prefetch_related("days", bookings)
        .filter(token=token, anonymised_at__isnull=True)
        .first()
    )


def active_bookings(registration: Registration) -> list[Booking]:
    return [b for b in registration.bookings.all() if b.status != BookingStatus.RELEASED]


def summary_lines(registration: Registration, days: list[CongressDay], bookings: list[Booking]) -> list[str]:
    """The registration in a few French lines, from data already at hand (no query: it is
    called while places are locked)."""
    lines = [
        f"{registration.get_civility_display()} {registration.first_name} {registration.last_name}",
        f"{registration.organisation or registration.get_organisation_kind_display()}",
        "Jours : " + ", ".join(format_date(d.date) for d in sorted(days, key=lambda d: d.date)),
    ]
    for booking in sorted(bookings, key=lambda b: (b.session.day.date, b.session.starts_at)):
        session = booking.session
        line = f"{session.label}, {format_date(session.day.date)} à "
        line += f"{format_time(session.starts_at)} : {booking.get_status_display().lower()}"
        if booking.status == BookingStatus.OFFERED:
            line += f" avant le {format_datetime(booking.offered_until)}"
        lines.append(line)
    return lines


def registration_summary(registration: Registration) -> list[str]:
    """The registration in a few French lines (e-mails, the private page); two queries."""
    bookings = Booking.objects.filter(registration=registration).exclude(status=BookingStatus.RELEASED)
    return summary_lines(
        registration, list(registration.days.all()), list(bookings.select_related("session__day"))
    )


def registration_data(registration: Registration) -> dict:
    """Everything the portal holds on one registration (the attendee's JSON download)."""
    fields = [
        "civility",
        "last_name",
        "first_name",
        "email",
        "phone",
        "organisation",
        "organisation_kind",
        "role",
        "city",
        "country",
        "dietary_needs",
        "accessibility_needs",
        "consent_processing",
        "consent_public_list",
        "consent_image",
        "status",
    ]
    data = {name: getattr(registration, name) for name in fields}
    for name in ["created_at", "confirmed_at", "cancelled_at", "checked_in_at", "expires_at"]:
        value = getattr(registration, name)
        data[name] = value.isoformat() if value else None
    data["edition"] = registration.edition.title
    data["days"] = [d.date.isoformat() for d in registration.days.all()]
    data["bookings"] = [
        {"session": b.session.title, "kind": b.session.kind, "status": b.status}
        for b in registration.bookings.all()
    ]
    return data


def public_participants(edition: CongressEdition) -> QuerySet[Registration]:
    """Confirmed attendees who agreed to appear on the public list (and only what they see)."""
    return (
        Registration.objects.filter(
            edition=edition,
            status=RegistrationStatus.CONFIRMED,
            consent_public_list=True,
            anonymised_at__isnull=True,
        )
        .only("first_name", "last_name", "organisation", "organisation_kind", "city", "country")
        .order_by("last_name", "first_name")
    )


# Shorter than the model's labels: « Mon espace » lists several registrations.
ACCOUNT_STATUS_LABELS = {
    RegistrationStatus.PENDING: "À confirmer",
    RegistrationStatus.CONFIRMED: "Confirmée",
    RegistrationStatus.CANCELLED: "Annulée",
    RegistrationStatus.EXPIRED: "Expirée",
}


@dataclass
class AccountRegistration:
    """A registration as « Mon espace » shows it, with what its private links allow now (the
    same rules as the private page)."""

    registration: Registration
    bookings: list[Booking]  # not given back; a waiting one carries its `waiting_position`
    status_label: str
    is_past: bool
    can_confirm: bool
    can_change: bool
    can_cancel: bool
    can_propose: bool


@dataclass
class AccountRegistrations:
    current: list[AccountRegistration] = field(default_factory=list)
    past: list[AccountRegistration] = field(default_factory=list)  # the last edition first


def _bookings_with_queue_position() -> QuerySet[Booking]:
    """Bookings not given back, with the place in the waiting list of those waiting: 1 + the
    waiting bookings of active registrations booked before, in the order `capacity.refill`
    offers freed places."""
    ahead = (
        Booking.objects.filter(
            session=OuterRef("session"),
            status=BookingStatus.WAITING,
            registration__status__in=ACTIVE_STATUSES,
        )
        .filter(
            Q(created_at__lt=OuterRef("created_at"))
            | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    position = Case(
        When(status=BookingStatus.WAITING, then=Coalesce(Subquery(ahead), 0) + 1),
        output_field=IntegerField(),
    )
    return (
        Booking.objects.exclude(status=BookingStatus.RELEASED)
        .select_related("session__day")
        .annotate(waiting_position=position)
        .order_by("session__day__date", "session__starts_at", "pk")
    )


def _for_account(registration: Registration, *, now: dt.datetime, today: dt.date) -> AccountRegistration:
    edition = registration.edition
    is_past = edition.is_past(today)
    active = registration.is_active
    can_confirm = registration.status == RegistrationStatus.PENDING and (
        registration.expires_at is None or registration.expires_at > now
    )
    label = ACCOUNT_STATUS_LABELS.get(registration.status, registration.get_status_display())
    if registration.status == RegistrationStatus.PENDING and not can_confirm:
        label = ACCOUNT_STATUS_LABELS[RegistrationStatus.EXPIRED]  # the beat task has not run yet
    return AccountRegistration(
        registration=registration,
        bookings=registration.shown_bookings,
        status_label=label,
        is_past=is_past,
        can_confirm=can_confirm,
        can_change=active and edition.registration_state(now) == RegistrationState.OPEN,
        can_cancel=active and not is_past,
        can_propose=registration.status == RegistrationStatus.CONFIRMED and not edition.cahier_published_at,
    )


def registrations_of_user(*, user) -> AccountRegistrations:
    """A signed-in person's registrations: those made from their account, and those made
    without one from an address of theirs that is verified (an unverified address proves
    nothing; a registration tied to another account is that account's). Anonymised ones are
    gone. Two queries, whatever the number of registrations."""
    if not getattr(user, "is_authenticated", False):
        return AccountRegistrations()
    # Both sides lower-cased: the service stores addresses so, staff may type them otherwise.
    mine = Q(user=user) | Q(user__isnull=True, address__in=verified_addresses(user))
    registrations = (
        Registration.objects.annotate(address=Lower("email"))
        .filter(mine, anonymised_at__isnull=True)
        .select_related("edition")
        .prefetch_related(Prefetch("bookings", _bookings_with_queue_position(), to_attr="shown_bookings"))
        .order_by("edition__starts_on", "-created_at", "-pk")
    )
    now, today = timezone.now(), timezone.localdate()
    found = AccountRegistrations()
    for registration in registrations:
        item = _for_account(registration, now=now, today=today)
        (found.past if item.is_past else found.current).append(item)
    found.past.sort(key=lambda item: item.registration.edition.starts_on, reverse=True)  # stable
    return found
