"""Reads on registrations: by token, the choices offered on the form, summaries, data export,
the public list of participants, a person's registrations in « Mon espace »."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

from congress.editions.cache import TTL as PROGRAMME_TTL
from congress.editions.cache import programme_key
from congress.editions.models import CongressDay, CongressEdition, Session, SessionKind
from solidaire.accounts.selectors import verified_addresses
from solidaire.core.text.french import format_date, format_datetime, format_time

from .models import ACTIVE_STATUSES, Booking, BookingStatus, Registration, RegistrationStatus
from .rules import link_rights


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
    _taken: dict[int, int] | None = field(default=None, repr=False, compare=False)

    def places_left(self, session: Session) -> int | None:
        """The places left on a session of the programme, read fresh (one query for all the
        sessions with a capacity, the first time a label asks): the cached programme's
        counters may be old."""
        if session.capacity is None:
            return None
        if self._taken is None:
            limited = [s.pk for s in self.sessions() if s.capacity is not None]
            self._taken = dict(Session.objects.filter(pk__in=limited).values_list("pk", "places_taken"))
        return max(0, session.capacity - self._taken.get(session.pk, session.places_taken))

    def sessions(self) -> list[Session]:
        return [*(s for slot in self.slots for s in slot.sessions), *self.lunches]


def form_choices(edition: CongressEdition) -> FormChoices:
    """Days, workshop slots and lunches of an edition: from the cache (no query) while its
    programme has not changed (`congress.editions.cache`), else two queries. The places taken
    are read only when a label shows them (`FormChoices.places_left`), so a form sent and
    accepted reads no programme at all."""
    key = programme_key(edition.pk)
    choices = cache.get(key)
    if choices is None:
        choices = _read_form_choices(edition)
        cache.set(key, choices, PROGRAMME_TTL)
    return choices


def _read_form_choices(edition: CongressEdition) -> FormChoices:
    days = list(edition.days.order_by("date"))
    sessions = Session.objects.filter(
        day__edition=edition, kind__in=[SessionKind.WORKSHOP, SessionKind.LUNCH]
    )
    sessions = list(sessions.order_by("day__date", "starts_at", "title"))
    days_by_id = {day.pk: day for day in days}
    grouped: dict[tuple, list[Session]] = defaultdict(list)
    lunches = []
    for session in sessions:
        session.day = days_by_id[session.day_id]  # the day's object in `days`, no join
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


def registration_by_token(token: str, *, with_bookings: bool = True) -> Registration | None:
    """The registration of a private link, with its edition, days and bookings (one query and
    not the two prefetches with `with_bookings=False`: for pages whose service re-reads the
    registration under its lock anyway, such as the confirmation)."""
    if not token or len(token) > 64:
        return None
    found = Registration.objects.select_related("edition").filter(token=token, anonymised_at__isnull=True)
    if not with_bookings:
        return found.first()
    bookings = Prefetch(
        "bookings",
        queryset=Booking.objects.select_related("session__day", "session__theme").order_by(
            "session__day__date", "session__starts_at"
        ),
    )
    return found.prefetch_related("days", bookings).first()


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
    return summary_lines(registration, list(registration.days.all()), held_bookings(registration))


def held_bookings(registration: Registration, *, days: list[CongressDay] | None = None) -> list[Booking]:
    """The bookings not given back, with their session and its day (one query): the day from
    `days` when the caller has them (the registration's days: no join), else joined."""
    bookings = Booking.objects.filter(registration=registration).exclude(status=BookingStatus.RELEASED)
    if days is None:
        return list(bookings.select_related("session__day"))
    by_id = {day.pk: day for day in days}
    found = list(bookings.select_related("session"))
    for booking in found:
        if booking.session.day_id in by_id:  # else the day is read when asked (never: checked choices)
            booking.session.day = by_id[booking.session.day_id]
    return found


def days_with_hours(registration: Registration) -> list[CongressDay]:
    """The registration's days in order, each with `first_start` and `last_end`, the hours of
    its programme (None for a day without sessions): what a calendar file needs, in one query."""
    return list(
        registration.days.annotate(
            first_start=Min("sessions__starts_at"), last_end=Max("sessions__ends_at")
        ).order_by("date")
    )


# « My data » speaks French, keys and values alike: the file is read by the attendee first.
_DATA_STATUS = {
    RegistrationStatus.PENDING: "en attente de confirmation de l'adresse",
    RegistrationStatus.CONFIRMED: "confirmée",
    RegistrationStatus.CANCELLED: "annulée",
    RegistrationStatus.EXPIRED: "expirée (adresse non confirmée à temps)",
}
_DATA_BOOKING = {
    BookingStatus.PLACE: "place réservée",
    BookingStatus.OFFERED: "place libérée pour vous, à confirmer",
    BookingStatus.WAITING: "liste d'attente",
    BookingStatus.RELEASED: "place libérée",
}
_DATA_KIND = {
    SessionKind.PLENARY: "plénière",
    SessionKind.WORKSHOP: "atelier",
    SessionKind.LUNCH: "déjeuner",
    SessionKind.OTHER: "autre temps",
}


def registration_data(registration: Registration) -> dict:
    """Everything the portal holds on one registration (the attendee's JSON download « Mes
    données »), in French. The keys, in this order:

    - « congrès » : the edition's title; « état » : « en attente de confirmation de l'adresse »,
      « confirmée », « annulée » or « expirée (adresse non confirmée à temps) »;
    - « civilité », « nom », « prénom », « adresse e-mail », « téléphone », « organisme »,
      « type d'organisme », « fonction », « ville », « pays », « régime alimentaire »,
      « besoins d'accessibilité »: what was typed on the form (choices as their French label,
      « » when left empty);
    - « accord pour le traitement des données », « accord pour figurer dans la liste publique »,
      « droit à l'image »: true or false;
    - « inscrite le », « confirmée le », « annulée le », « arrivée le » (check-in at the
      congress), « à confirmer avant »: ISO 8601 date-times with their UTC offset, or null;
    - « jours de présence »: ISO 8601 dates;
    - « ateliers et repas »: one object per booking with « intitulé », « type » (« plénière »,
      « atelier », « déjeuner », « autre temps ») and « état » (« place réservée », « place
      libérée pour vous, à confirmer », « liste d'attente », « place libérée »).
    """

    def when(value):
        return timezone.localtime(value).isoformat() if value else None

    return {
        "congrès": registration.edition.title,
        "état": _DATA_STATUS.get(registration.status, registration.get_status_display()),
        "civilité": registration.get_civility_display(),
        "nom": registration.last_name,
        "prénom": registration.first_name,
        "adresse e-mail": registration.email,
        "téléphone": registration.phone,
        "organisme": registration.organisation,
        "type d'organisme": registration.get_organisation_kind_display(),
        "fonction": registration.role,
        "ville": registration.city,
        "pays": registration.country,
        "régime alimentaire": registration.dietary_needs,
        "besoins d'accessibilité": registration.accessibility_needs,
        "accord pour le traitement des données": registration.consent_processing,
        "accord pour figurer dans la liste publique": registration.consent_public_list,
        "droit à l'image": registration.consent_image,
        "inscrite le": when(registration.created_at),
        "confirmée le": when(registration.confirmed_at),
        "annulée le": when(registration.cancelled_at),
        "arrivée le": when(registration.checked_in_at),
        "à confirmer avant": when(registration.expires_at),
        "jours de présence": [d.date.isoformat() for d in registration.days.order_by("date")],
        "ateliers et repas": [
            {
                "intitulé": b.session.title,
                "type": _DATA_KIND.get(b.session.kind, b.session.get_kind_display().lower()),
                "état": _DATA_BOOKING.get(b.status, b.get_status_display().lower()),
            }
            for b in registration.bookings.select_related("session").order_by(
                "session__day__date", "session__starts_at", "pk"
            )
        ],
    }


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
    can_download: bool


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
    rights = link_rights(registration, now=now)
    label = ACCOUNT_STATUS_LABELS.get(registration.status, registration.get_status_display())
    if registration.status == RegistrationStatus.PENDING and not rights.can_confirm:
        label = ACCOUNT_STATUS_LABELS[RegistrationStatus.EXPIRED]  # the beat task has not run yet
    return AccountRegistration(
        registration=registration,
        bookings=registration.shown_bookings,
        status_label=label,
        is_past=registration.edition.is_past(today),
        can_confirm=rights.can_confirm,
        can_change=rights.can_change,
        can_cancel=rights.can_cancel,
        can_propose=rights.can_propose,
        can_download=rights.can_download,
    )


def registrations_of_user(*, user) -> AccountRegistrations:
    """A signed-in person's registrations: those made for an address verified on their
    account, signed in or not. Being made from the account is not enough (nor is an old tie
    to it): an address typed while signed in proves nothing, and a registration's private
    links belong to whoever reads its mailbox. Anonymised ones are gone. Two queries,
    whatever the number of registrations."""
    if not getattr(user, "is_authenticated", False):
        return AccountRegistrations()
    # Both sides lower-cased: the service stores addresses so, staff may type them otherwise.
    mine = Q(address__in=verified_addresses(user))
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
