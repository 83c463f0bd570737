"""Places without overbooking (after pretix's `lock_objects`): lock exclusively only the rows
that become scarcer, once, late, in one order, then re-count before giving a place.

The order is: the registration, then the edition's counter (only when the congress has an overall
capacity), then the sessions by id, then the bookings. Every lock is `FOR NO KEY UPDATE`: it
excludes the other writers of the same counter, yet not the inserts that merely reference the row
(a new registration's foreign key takes `FOR KEY SHARE` on its edition, a booking's on its
session), so a registration never queues behind someone else's confirmation, change or
cancellation. Reading the edition (its dates, its rules) takes no lock at all: it is joined with
`of=("self",)`.

`places_taken` mirrors the re-count and a database check keeps it within the capacity, so even a
bug here could not overbook silently. Only the registration services call these helpers, always
inside `transaction.atomic`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import ValidationError

from congress.editions.models import CongressEdition, Session

from .models import (
    ACTIVE_STATUSES,
    EDITION_HOLDING_STATUSES,
    HOLDING_STATUSES,
    Booking,
    BookingStatus,
    Registration,
    RegistrationStatus,
)

OfferNotice = Callable[[Booking], None]
RegistrationNotice = Callable[[Registration], None]


def lock_registration(registration_id: int, *, edition: CongressEdition | None = None) -> Registration:
    """The registration row, exclusively; its edition comes along unlocked (read only), or is
    the `edition` the caller read already (no join then)."""
    locked = Registration.objects.select_for_update(no_key=True, of=("self",))
    if edition is None:
        return locked.select_related("edition").get(pk=registration_id)
    registration = locked.get(pk=registration_id)
    if registration.edition_id == edition.pk:
        registration.edition = edition
    return registration


def lock_edition(edition_id: int) -> CongressEdition:
    """The edition's counter of places, for an edition with an overall capacity."""
    return CongressEdition.objects.select_for_update(no_key=True).get(pk=edition_id)


def lock_sessions(ids: Iterable[int]) -> dict[int, Session]:
    ids = sorted(set(ids))
    if not ids:
        return {}
    sessions = (
        Session.objects.select_for_update(no_key=True, of=("self",))
        .select_related("day")  # the e-mail's summary names the day: no query per session later
        .filter(pk__in=ids)
        .order_by("pk")
    )
    return {s.pk: s for s in sessions}


EDITION_FULL = "Le congrès est complet : il n'y a plus de place disponible."


def _edition_taken(edition: CongressEdition) -> int:
    return Registration.objects.filter(edition=edition, status__in=EDITION_HOLDING_STATUSES).count()


def _store_edition_count(edition: CongressEdition, taken: int) -> None:
    if edition.places_taken != taken:
        edition.places_taken = taken
        edition.save(update_fields=["places_taken", "updated_at"])


def recount_edition(edition: CongressEdition) -> int:
    """Re-count the places held in a locked edition and store the figure; a French
    ValidationError when it would go past the congress's capacity."""
    taken = _edition_taken(edition)
    if edition.capacity is not None and taken > edition.capacity:
        raise ValidationError(EDITION_FULL)
    _store_edition_count(edition, taken)
    return taken


def place_in_edition(
    registration: Registration, edition: CongressEdition, *, accept_waiting_list: bool
) -> bool:
    """A new registration (saved, pending) in a locked edition that has a capacity: True when it
    holds one of the congress's places; else it goes on the congress's waiting list when the
    person accepts it (False), or a French ValidationError."""
    taken = _edition_taken(edition)  # this registration included
    if taken <= edition.capacity:
        _store_edition_count(edition, taken)
        return True
    if not accept_waiting_list:
        raise ValidationError(
            f"{EDITION_FULL} Cochez « M'inscrire sur la liste d'attente si c'est complet » pour "
            "recevoir une place dès qu'une se libère."
        )
    registration.status = RegistrationStatus.WAITING
    registration.save(update_fields=["status", "updated_at"])
    _store_edition_count(edition, taken - 1)
    return False


def refill_edition(edition: CongressEdition, *, now: dt.datetime, notify: RegistrationNotice) -> None:
    """Offer the places left in a locked edition to the congress's waiting list, first come
    first served; each person offered a place has `CONGRESS_OFFER_HOURS` to take it. The waiting
    registrations are locked after the edition: their own writers (confirm, cancel) never
    lock the edition while they wait, so the order holds."""
    taken = _edition_taken(edition)
    if edition.capacity is not None and taken < edition.capacity:
        waiting = (
            Registration.objects.select_for_update(no_key=True, of=("self",))
            .select_related("edition")
            .filter(edition=edition, status=RegistrationStatus.WAITING)
            .order_by("created_at", "pk")
        )
        for registration in waiting[: edition.capacity - taken]:
            registration.status = RegistrationStatus.OFFERED
            registration.offered_until = now + dt.timedelta(hours=settings.CONGRESS_OFFER_HOURS)
            registration.save(update_fields=["status", "offered_until", "updated_at"])
            notify(registration)
            taken += 1
    _store_edition_count(edition, taken)


def _holding(session: Session) -> int:
    return Booking.objects.filter(session=session, status__in=HOLDING_STATUSES).count()


def _store_count(session: Session, taken: int) -> None:
    if session.places_taken != taken:
        session.places_taken = taken
        session.save(update_fields=["places_taken", "updated_at"])


def refill(session: Session, *, now: dt.datetime, notify: OfferNotice) -> None:
    """Offer the places left on a locked session to the waiting list, first come first served;
    each person offered a place has `CONGRESS_OFFER_HOURS` to confirm it."""
    taken = _holding(session)
    if session.capacity is not None:
        waiting = (
            Booking.objects.select_for_update(no_key=True, of=("self",))
            .filter(session=session, status=BookingStatus.WAITING, registration__status__in=ACTIVE_STATUSES)
            .select_related("registration", "session")
            .order_by("created_at", "pk")
        )
        for booking in waiting[: max(0, session.capacity - taken)]:
            booking.status = BookingStatus.OFFERED
            booking.offered_until = now + dt.timedelta(hours=settings.CONGRESS_OFFER_HOURS)
            booking.save(update_fields=["status", "offered_until", "updated_at"])
            notify(booking)
            taken += 1
    _store_count(session, taken)


def rebook(
    registration: Registration,
    wanted: Iterable[Session],
    *,
    accept_waiting_list: bool,
    now: dt.datetime,
    notify: OfferNotice,
    new: bool = False,
) -> list[Booking]:
    """Make the registration's bookings match `wanted`: give back what is no longer wanted
    (and offer it to the waiting list), then book what is new: a place while one is left, else
    the waiting list when accepted, else a French ValidationError (the caller's transaction
    rolls everything back). Returns the bookings made."""
    wanted_ids = {s.pk for s in wanted}
    current: dict[int, Booking] = {}
    if not new:
        # Sessions before bookings (the order every writer follows): read the bookings without a
        # lock to learn which sessions change, lock those, then the bookings on them. Only the
        # registration's lock holder releases or adds a booking, so what was read stays true,
        # except an offer lapsing (done under its session's lock, hence locked here too).
        seen = dict(registration.bookings.values_list("session_id", "status"))
        active = {sid for sid, status in seen.items() if status != BookingStatus.RELEASED}
        offered = {sid for sid, status in seen.items() if status == BookingStatus.OFFERED}
        sessions = lock_sessions((active ^ wanted_ids) | (offered & wanted_ids))
        current = {
            b.session_id: b
            for b in registration.bookings.select_for_update(no_key=True).filter(session_id__in=sessions)
        }
        active = {
            sid for sid in active if sid not in current or current[sid].status != BookingStatus.RELEASED
        }
    else:
        active = set()
        sessions = lock_sessions(wanted_ids)
    to_drop, to_add = active - wanted_ids, wanted_ids - active
    for sid in to_drop:
        booking = current[sid]
        booking.status, booking.offered_until = BookingStatus.RELEASED, None
        booking.save(update_fields=["status", "offered_until", "updated_at"])
    made: list[Booking] = []
    for sid in sorted(to_add):
        session = sessions[sid]
        taken = _holding(session)
        if session.capacity is None or taken < session.capacity:
            status = BookingStatus.PLACE
            _store_count(session, taken + 1)
        elif accept_waiting_list:
            status = BookingStatus.WAITING
        else:
            raise ValidationError(
                f"« {session.title} » est complet. Choisissez un autre créneau ou cochez "
                "« M'inscrire sur la liste d'attente si c'est complet »."
            )
        if sid in current:  # given back earlier: a new booking goes to the end of the queue
            current[sid].delete()
        made.append(Booking.objects.create(registration=registration, session=session, status=status))
    for sid in sorted(to_drop):
        refill(sessions[sid], now=now, notify=notify)
    return made
