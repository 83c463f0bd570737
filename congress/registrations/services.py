"""Writes on registrations: register (double opt-in), confirm the address, change the choices,
cancel, accept a place offered from the waiting list, and let unconfirmed registrations and
lapsed offers go (run by Celery beat). Places are handled by `capacity` under row locks."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from congress.editions.models import CongressDay, CongressEdition, RegistrationState, Session, SessionKind
from solidaire.accounts.selectors import verified_addresses
from solidaire.core.email.links import absolute_url
from solidaire.core.email.services import email_send

from . import capacity, rules, selectors
from .ics import registration_calendar, registration_cancellation
from .models import (
    EDITION_HOLDING_STATUSES,
    PERSONAL_FIELDS,
    WAITLIST_STATUSES,
    Booking,
    BookingStatus,
    Registration,
    RegistrationStatus,
)

CHECKIN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: typed by hand at the door


@dataclass
class Choices:
    """What an attendee picks: days, workshops (one per slot) and lunches."""

    days: list[CongressDay]
    sessions: list[Session] = field(default_factory=list)
    accept_waiting_list: bool = False


def _check_open(edition: CongressEdition, now: dt.datetime) -> None:
    state = edition.registration_state(now)
    if state == RegistrationState.NOT_YET:
        raise ValidationError("Les inscriptions ne sont pas encore ouvertes.")
    if state != RegistrationState.OPEN:
        raise ValidationError("Les inscriptions à cette édition sont closes.")


def check_choices(edition: CongressEdition, choices: Choices) -> None:
    """The days belong to the edition, each workshop and lunch is on a chosen day, at most one
    workshop per slot (same day, same start)."""
    errors = []
    if not choices.days:
        errors.append("Choisissez au moins un jour de présence.")
    if any(day.edition_id != edition.pk for day in choices.days):
        errors.append("Un des jours choisis n'appartient pas à cette édition.")
    day_ids = {day.pk for day in choices.days}
    slots = set()
    for session in choices.sessions:
        if session.day.edition_id != edition.pk or session.kind not in (
            SessionKind.WORKSHOP,
            SessionKind.LUNCH,
        ):
            errors.append(f"« {session.title} » ne fait pas partie des choix de cette édition.")
        elif session.day_id not in day_ids:
            errors.append(f"« {session.title} » a lieu un jour où vous n'avez pas prévu d'être présent·e.")
        slot = (
            session.kind,
            session.day_id,
            session.starts_at if session.kind == SessionKind.WORKSHOP else None,
        )
        if slot in slots:
            errors.append("Un seul atelier par créneau (et un seul déjeuner par jour).")
        slots.add(slot)
    if errors:
        raise ValidationError(errors)


def _notify_offer(booking: Booking) -> None:
    registration = booking.registration
    email_send(
        template="congress/emails/place_offered",
        context={
            "registration": registration,
            "booking": booking,
            "url": absolute_url(registration.get_absolute_url()),
        },
        to=[registration.email],
    )


def account_owning(user, email: str):
    """The account a registration made by `user` for `email` belongs to: `user` only when the
    address is verified on that account (allauth's EmailAddress); typing someone else's address
    while signed in proves nothing, so such a registration belongs to no account and waits for
    its own e-mail link like any other (double opt-in for everyone)."""
    if not getattr(user, "is_authenticated", False) or not email:
        return None
    return user if verified_addresses(user).filter(address=email.lower()).exists() else None


def _drop_unconfirmed(edition: CongressEdition, email: str, now: dt.datetime) -> None:
    """A new registration for an address replaces its registration still waiting for the
    address's confirmation: nobody proved they own the address yet, and the person who does
    must not be kept out (« déjà inscrite ») by someone who typed it first. Its places go back."""
    pending = Registration.objects.filter(edition=edition, email=email, status=RegistrationStatus.PENDING)
    ids = list(pending.order_by().values_list("pk", flat=True))  # unordered: no join on the edition
    if not ids:
        return
    for registration_id in ids:  # registration first, then the edition (in _release_all)
        registration = _lock(Registration(pk=registration_id))
        if registration.status == RegistrationStatus.PENDING:
            _release_all(registration, status=RegistrationStatus.EXPIRED, now=now)


def _notify_congress_offer(registration: Registration) -> None:
    email_send(
        template="congress/emails/congress_place_offered",
        context={"registration": registration, "url": absolute_url(registration.get_absolute_url())},
        to=[registration.email],
    )


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def _new_checkin_code() -> str:
    return "".join(secrets.choice(CHECKIN_ALPHABET) for _ in range(8))


@transaction.atomic
def registration_create(
    *, edition: CongressEdition, personal: dict, choices: Choices, user=None
) -> Registration:
    """Register someone (no account needed): the places are held at once, and the registration
    waits for its address to be confirmed within `CONGRESS_CONFIRMATION_HOURS`, whoever made it
    (signed in or not); it is tied to `user` only through an address verified on that account.
    A registration of the same address still unconfirmed is replaced. A full workshop or lunch
    puts it on the waiting list when accepted. Raises a French ValidationError (closed, already
    registered, full…) and then nothing is saved."""
    now = timezone.now()
    _check_open(edition, now)
    check_choices(edition, choices)
    values = {key: personal[key] for key in PERSONAL_FIELDS if key in personal}  # else the model's default
    values["email"] = (values.get("email") or "").strip().lower()
    registration = Registration(
        edition=edition,
        user=account_owning(user, values["email"]),
        token=_new_token(),
        checkin_code=_new_checkin_code(),
        expires_at=now + dt.timedelta(hours=settings.CONGRESS_CONFIRMATION_HOURS),
        **values,
    )
    if not registration.consent_processing:
        raise ValidationError(
            {"consent_processing": "Votre accord pour le traitement des données est requis."}
        )
    # Token and code are 256 and 40 random bits, the edition and the account are at hand: no
    # query to validate them; the one-per-address rule is the partial unique index's, which
    # answers at the INSERT (one query fewer than asking first, and race-free).
    registration.full_clean(exclude=["token", "checkin_code", "edition", "user"], validate_constraints=False)
    already = (
        "Cette adresse e-mail est déjà inscrite à cette édition : retrouvez l'inscription grâce au "
        "lien personnel envoyé à cette adresse."
    )
    _drop_unconfirmed(edition, registration.email, now)
    try:
        registration.save()  # the partial unique index settles two simultaneous attempts
    except IntegrityError:  # the whole transaction rolls back with the ValidationError
        raise ValidationError({"email": already}) from None
    Registration.days.through.objects.bulk_create(
        [Registration.days.through(registration=registration, congressday=day) for day in choices.days]
    )
    # Places last, so that the rows everybody wants stay locked as briefly as possible. A full
    # congress puts the person on its waiting list (no workshop booked until a place is taken).
    if edition.capacity is not None and not capacity.place_in_edition(
        registration, capacity.lock_edition(edition.pk), accept_waiting_list=choices.accept_waiting_list
    ):
        email_send(
            template="congress/emails/registration_waitlisted",
            context={
                "registration": registration,
                "offer_hours": settings.CONGRESS_OFFER_HOURS,
                "confirm_url": absolute_url(
                    reverse("congress:registration_confirm", args=[registration.token])
                ),
                "url": absolute_url(registration.get_absolute_url()),
            },
            to=[registration.email],
        )
        return registration
    bookings = capacity.rebook(
        registration,
        choices.sessions,
        accept_waiting_list=choices.accept_waiting_list,
        now=now,
        notify=_notify_offer,
        new=True,
    )
    email_send(
        template="congress/emails/registration_received",
        context={
            "registration": registration,
            "summary": selectors.summary_lines(registration, choices.days, bookings),
            "confirm_url": absolute_url(reverse("congress:registration_confirm", args=[registration.token])),
            "url": absolute_url(registration.get_absolute_url()),
        },
        to=[registration.email],
    )
    return registration


def _lock(registration: Registration) -> Registration:
    # The edition read with the private link's registration is as good as a join's (unlocked).
    edition = registration.edition if Registration.edition.is_cached(registration) else None
    return capacity.lock_registration(registration.pk, edition=edition)


@transaction.atomic
def registration_confirm(*, registration: Registration) -> Registration:
    """The address is confirmed (the e-mail's link): the registration is confirmed and the
    confirmation e-mail (summary, the congress as `.ics`, private link) goes out. A second click
    changes nothing."""
    registration = _lock(registration)
    if registration.status == RegistrationStatus.CONFIRMED:
        return registration
    if registration.status in WAITLIST_STATUSES:  # the address is proven; the place comes later
        if registration.confirmed_at is None:
            registration.confirmed_at, registration.expires_at = timezone.now(), None
            registration.save(update_fields=["confirmed_at", "expires_at", "updated_at"])
        return registration
    if registration.status != RegistrationStatus.PENDING or (
        registration.expires_at and registration.expires_at <= timezone.now()
    ):
        raise ValidationError(
            "Ce lien de confirmation a expiré : votre inscription n'a pas été confirmée à temps. "
            "Vous pouvez vous inscrire à nouveau."
        )
    registration.status = RegistrationStatus.CONFIRMED
    registration.confirmed_at = timezone.now()
    registration.expires_at = None
    # Only these three fields change, and none of them has a rule to re-check: a full_clean()
    # would cost nine queries (uniqueness, constraints) for nothing.
    registration.save(update_fields=["status", "confirmed_at", "expires_at", "updated_at"])
    # The days and bookings read once, for both the summary and the calendar file.
    days = selectors.days_with_hours(registration)
    bookings = selectors.held_bookings(registration, days=days)
    email_send(
        template="congress/emails/registration_confirmed",
        context={
            "registration": registration,
            "summary": selectors.summary_lines(registration, days, bookings),
            "url": absolute_url(registration.get_absolute_url()),
        },
        to=[registration.email],
        attachments=[_calendar_attachment(registration, days=days, bookings=bookings)],
    )
    return registration


def _calendar_attachment(
    registration: Registration,
    *,
    days: list[CongressDay] | None = None,
    bookings: list[Booking] | None = None,
) -> tuple[str, bytes, str]:
    """The attendee's days for their calendar (the method in the MIME type too, RFC 6047)."""
    name = f"congres-{registration.edition.year}.ics"
    return (
        name,
        registration_calendar(registration, days=days, bookings=bookings),
        "text/calendar; method=PUBLISH",
    )


def _cancellation_attachment(registration: Registration, days: list[CongressDay]) -> tuple[str, bytes, str]:
    name = f"congres-{registration.edition.year}-annulation.ics"
    return name, registration_cancellation(registration, days), "text/calendar; method=CANCEL"


@transaction.atomic
def registration_change(
    *, registration: Registration, choices: Choices, personal: dict | None = None
) -> list[Booking]:
    """Change days, workshops and lunches (and the needs and consents) while registration is
    open. Places given back are offered to the waiting list. Returns the bookings made.
    """
    now = timezone.now()
    registration = _lock(registration)
    if registration.status in WAITLIST_STATUSES:
        raise ValidationError(
            "Vous êtes sur la liste d'attente du congrès : vous choisirez vos ateliers et déjeuners "
            "une fois votre place au congrès confirmée."
        )
    if refusal := rules.change_refusal(registration, now):
        raise ValidationError(refusal)
    check_choices(registration.edition, choices)
    for key, value in (personal or {}).items():
        if key in PERSONAL_FIELDS and key != "email":
            setattr(registration, key, value)
    dropped = [day for day in registration.days.all() if day not in choices.days]
    if registration.status == RegistrationStatus.CONFIRMED:
        registration.calendar_sequence += 1  # the updated calendar file replaces the one sent
    registration.full_clean()
    registration.save()
    registration.days.set(choices.days)
    bookings = capacity.rebook(
        registration,
        choices.sessions,
        accept_waiting_list=choices.accept_waiting_list,
        now=now,
        notify=_notify_offer,
    )
    if registration.status == RegistrationStatus.CONFIRMED:
        # Only a confirmed registration has been sent a calendar file to update.
        attachments = [_calendar_attachment(registration)]
        if dropped:
            attachments.append(_cancellation_attachment(registration, dropped))
        email_send(
            template="congress/emails/registration_changed",
            context={
                "registration": registration,
                "summary": selectors.registration_summary(registration),
                "url": absolute_url(registration.get_absolute_url()),
            },
            to=[registration.email],
            attachments=attachments,
        )
    return bookings


def _release_all(registration: Registration, *, status: str, now: dt.datetime) -> None:
    """Inside a transaction, with the registration locked: end it and give back its places
    (offered to the waiting list); the edition's counter is locked (after the registration,
    before the sessions) only when the congress has an overall capacity."""
    holds_place = registration.status in EDITION_HOLDING_STATUSES
    edition = None
    if registration.edition.capacity is not None and holds_place:
        edition = capacity.lock_edition(registration.edition_id)
    if registration.status == RegistrationStatus.CONFIRMED:
        registration.calendar_sequence += 1  # the cancellation replaces the file sent
    registration.status = status
    if status == RegistrationStatus.CANCELLED:
        registration.cancelled_at = now
    registration.expires_at = registration.offered_until = None
    registration.save(
        update_fields=[
            "status",
            "cancelled_at",
            "expires_at",
            "offered_until",
            "calendar_sequence",
            "updated_at",
        ]
    )
    capacity.rebook(registration, [], accept_waiting_list=False, now=now, notify=_notify_offer)
    if edition is not None:
        capacity.recount_edition(edition)
        capacity.refill_edition(edition, now=now, notify=_notify_congress_offer)


@transaction.atomic
def registration_cancel(*, registration: Registration, enforce_deadline: bool = True) -> Registration:
    """Cancel a registration from its private link, until the eve of the congress (a French
    ValidationError after; `enforce_deadline=False` for the team and for erasing one's data,
    which is a right at any time). Its places go to the waiting list at once. Cancelling twice
    changes nothing."""
    registration = _lock(registration)
    if not registration.is_active and registration.status not in WAITLIST_STATUSES:
        return registration
    if enforce_deadline and (refusal := rules.cancel_refusal(registration)):
        raise ValidationError(refusal)
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED
    _release_all(registration, status=RegistrationStatus.CANCELLED, now=timezone.now())
    # A confirmed attendee was sent the calendar file: the cancellation takes it out again.
    days = selectors.days_with_hours(registration) if was_confirmed else []
    email_send(
        template="congress/emails/registration_cancelled",
        context={"registration": registration},
        to=[registration.email],
        attachments=[_cancellation_attachment(registration, days)] if days else None,
    )
    return registration


@transaction.atomic
def booking_accept_offer(*, booking: Booking) -> Booking:
    """Take the place offered from the waiting list, before its deadline."""
    booking = (
        Booking.objects.select_for_update(no_key=True, of=("self",))
        .select_related("session")
        .get(pk=booking.pk)
    )
    if booking.status == BookingStatus.PLACE:
        return booking
    if booking.status != BookingStatus.OFFERED or booking.offered_until <= timezone.now():
        raise ValidationError(
            "Le délai pour confirmer cette place est dépassé : elle a été proposée à la suite."
        )
    booking.status, booking.offered_until = BookingStatus.PLACE, None
    booking.full_clean()
    booking.save()
    return booking


@transaction.atomic
def registration_accept_place(*, registration: Registration) -> Registration:
    """Take the place at the congress offered from its waiting list, before the deadline: the
    registration is confirmed (the offer came to its address) and workshops can be chosen.
    Taking it twice changes nothing."""
    registration = _lock(registration)
    if registration.status == RegistrationStatus.CONFIRMED:
        return registration
    if registration.status != RegistrationStatus.OFFERED or registration.offered_until <= timezone.now():
        raise ValidationError(
            "Le délai pour confirmer cette place au congrès est dépassé : elle a été proposée à la "
            "personne suivante sur la liste d'attente."
        )
    # The offer already holds the place in the edition's count: no lock on the edition.
    registration.status, registration.offered_until = RegistrationStatus.CONFIRMED, None
    registration.confirmed_at = registration.confirmed_at or timezone.now()
    registration.expires_at = None
    registration.save(update_fields=["status", "offered_until", "confirmed_at", "expires_at", "updated_at"])
    return registration


def registrations_expire(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Let unconfirmed registrations past their deadline go, and lapsed waiting-list offers
    (workshops, and places at the congress) pass to the next person (Celery beat, every few
    minutes). One short transaction each."""
    now = now or timezone.now()
    expired = lapsed = 0
    congress_offers = Registration.objects.filter(status=RegistrationStatus.OFFERED, offered_until__lte=now)
    for registration_id in congress_offers.values_list("pk", flat=True):
        with transaction.atomic():
            registration = _lock(Registration(pk=registration_id))
            if registration.status == RegistrationStatus.OFFERED and registration.offered_until <= now:
                _release_all(registration, status=RegistrationStatus.LAPSED, now=now)
                lapsed += 1
    pending = Registration.objects.filter(status=RegistrationStatus.PENDING, expires_at__lte=now)
    for registration_id in pending.values_list("pk", flat=True):
        with transaction.atomic():
            registration = _lock(Registration(pk=registration_id))
            if registration.status == RegistrationStatus.PENDING and registration.expires_at <= now:
                _release_all(registration, status=RegistrationStatus.EXPIRED, now=now)
                expired += 1
    offers = Booking.objects.filter(status=BookingStatus.OFFERED, offered_until__lte=now)
    for booking_id, session_id in offers.values_list("pk", "session_id"):
        with transaction.atomic():
            session = capacity.lock_sessions([session_id])[session_id]
            booking = Booking.objects.select_for_update(no_key=True).get(pk=booking_id)
            if booking.status == BookingStatus.OFFERED and booking.offered_until <= now:
                booking.status, booking.offered_until = BookingStatus.RELEASED, None
                booking.save(update_fields=["status", "offered_until", "updated_at"])
                capacity.refill(session, now=now, notify=_notify_offer)
                lapsed += 1
    return {"expired": expired, "lapsed": lapsed}
