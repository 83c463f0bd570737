"""Places without overbooking (after pretix's locking): lock what becomes less available, once,
late, in one order (edition, then registration, then sessions by id), then re-count before
giving a place. `places_taken` mirrors the re-count and a database check keeps it within the
capacity, so even a bug here could not overbook silently.

Only the registration services call these helpers, always inside `transaction.atomic`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import ValidationError

from congress.editions.models import CongressEdition, Session

from .models import ACTIVE_STATUSES, HOLDING_STATUSES, Booking, BookingStatus, Registration

OfferNotice = Callable[[Booking], None]


def lock_edition(edition_id: int) -> CongressEdition:
    return CongressEdition.objects.select_for_update().get(pk=edition_id)


def lock_sessions(ids: Iterable[int]) -> dict[int, Session]:
    ids = sorted(set(ids))
    if not ids:
        return {}
    return {s.pk: s for s in Session.objects.select_for_update().filter(pk__in=ids).order_by("pk")}


def recount_edition(edition: CongressEdition) -> int:
    """Re-count the active registrations of a locked edition and store the figure; a French
    ValidationError when it would go past the congress's capacity."""
    taken = Registration.objects.filter(edition=edition, status__in=ACTIVE_STATUSES).count()
    if edition.capacity is not None and taken > edition.capacity:
        raise ValidationError("Le congrès est complet : il n'y a plus de place disponible.")
    if edition.places_taken != taken:
        edition.places_taken = taken
        edition.save(update_fields=["places_taken", "updated_at"])
    return taken


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
            Booking.objects.select_for_update()
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
    current = {b.session_id: b for b in registration.bookings.select_for_update()} if not new else {}
    active = {sid for sid, b in current.items() if b.status != BookingStatus.RELEASED}
    wanted_ids = {s.pk for s in wanted}
    to_drop, to_add = active - wanted_ids, wanted_ids - active
    sessions = lock_sessions(to_drop | to_add)
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
