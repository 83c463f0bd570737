"""Many simultaneous registrations at the last places, with real transactions on PostgreSQL:
confirmed never goes past the capacity and nobody is lost."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from congress.registrations import services
from congress.registrations.models import Booking, BookingStatus, Registration
from congress.registrations.services import Choices
from tests.congress.factories import personal, programme

pytestmark = pytest.mark.django_db(transaction=True)

ATTEMPTS = 40
CAPACITY = 7


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "row locks (SELECT … FOR UPDATE) need PostgreSQL: SQLite locks the whole file; CI uses PostgreSQL"
        )


def test_simultaneous_registrations_never_overbook_and_lose_nobody():
    p = programme(workshop_capacity=CAPACITY, lunch_capacity=CAPACITY + 3)
    start = threading.Barrier(ATTEMPTS)

    def attempt(i: int) -> str:
        try:
            start.wait()
            registration = services.registration_create(
                edition=p["edition"],
                personal=personal(email=f"simultane{i}@example.org"),
                choices=Choices(
                    days=[p["day1"]],
                    sessions=[p["w1"], p["lunch1"]],
                    accept_waiting_list=i % 4 != 0,  # a quarter refuse the waiting list
                ),
            )
            services.registration_confirm(registration=registration)
            return Booking.objects.get(registration=registration, session=p["w1"]).status
        except ValidationError as exc:
            return "refused: " + " ".join(exc.messages)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=ATTEMPTS) as pool:
        outcomes = list(pool.map(attempt, range(ATTEMPTS)))

    placed = outcomes.count(BookingStatus.PLACE)
    waiting = outcomes.count(BookingStatus.WAITING)
    refused = [o for o in outcomes if o.startswith("refused")]
    assert placed == CAPACITY  # every place given, none twice
    assert placed + waiting + len(refused) == ATTEMPTS  # every attempt ended with an answer
    assert all("est complet" in reason for reason in refused)
    # The database agrees: holders within the capacity, counters equal to the re-count.
    p["w1"].refresh_from_db()
    p["lunch1"].refresh_from_db()
    holders = Booking.objects.filter(session=p["w1"], status=BookingStatus.PLACE).count()
    assert holders == p["w1"].places_taken == CAPACITY
    assert Booking.objects.filter(session=p["lunch1"], status=BookingStatus.PLACE).count() <= CAPACITY + 3
    assert Registration.objects.count() == placed + waiting  # the refused left nothing behind


def _in_other_transaction(hold, ready: threading.Event, done: threading.Event):
    """Run `hold` in a transaction of another connection and keep its locks until `done`."""
    from django.db import transaction

    def run():
        try:
            with transaction.atomic():
                hold()
                ready.set()
                done.wait(20)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    assert ready.wait(20)
    return thread


def test_a_confirmation_or_cancellation_in_progress_holds_up_no_registration():
    """The private link's writes lock their own registration, not the edition: while one is
    in progress, others register, confirm and cancel (a 2-second lock timeout would fail them)."""
    from congress.registrations import capacity

    p = programme(workshop_capacity=5)
    p["edition"].capacity = 50
    p["edition"].save()
    mine = services.registration_create(
        edition=p["edition"], personal=personal(), choices=Choices(days=[p["day1"]], sessions=[p["w1"]])
    )
    other = services.registration_create(
        edition=p["edition"], personal=personal(), choices=Choices(days=[p["day1"]], sessions=[p["w2"]])
    )
    ready, done = threading.Event(), threading.Event()
    thread = _in_other_transaction(lambda: capacity.lock_registration(mine.pk), ready, done)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '2s'")
        newcomer = services.registration_create(
            edition=p["edition"], personal=personal(), choices=Choices(days=[p["day1"]], sessions=[p["w1"]])
        )
        services.registration_confirm(registration=newcomer)
        services.registration_change(
            registration=other, choices=Choices(days=[p["day1"]], sessions=[p["w1"]])
        )
        services.registration_cancel(registration=other)
    finally:
        done.set()
        thread.join()
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = 0")
    p["edition"].refresh_from_db()
    assert p["edition"].places_taken == 2  # mine and the newcomer; the other one cancelled
    assert Booking.objects.filter(session=p["w1"], status=BookingStatus.PLACE).count() == 2


def test_registrations_confirmations_changes_and_cancellations_at_once_keep_every_count():
    """A crowd at once: new registrations, confirmations, workshop changes and cancellations on
    the same workshops, with an overall capacity. No deadlock, no overbooking, the counters equal
    the re-count, and places given back went to the waiting list."""
    p = programme(workshop_capacity=CAPACITY, lunch_capacity=CAPACITY)
    p["edition"].capacity = 30
    p["edition"].save()
    early = [
        services.registration_create(
            edition=p["edition"],
            personal=personal(email=f"tot{i}@example.org"),
            choices=Choices(days=[p["day1"]], sessions=[p["w1"], p["lunch1"]], accept_waiting_list=True),
        )
        for i in range(12)
    ]
    start = threading.Barrier(ATTEMPTS)

    def act(i: int) -> str:
        try:
            start.wait()
            if i < 12:
                registration = early[i]
                if i % 3 == 0:
                    services.registration_cancel(registration=registration)
                    return "cancelled"
                if i % 3 == 1:
                    services.registration_change(
                        registration=registration,
                        choices=Choices(days=[p["day1"]], sessions=[p["w2"]], accept_waiting_list=True),
                    )
                    return "changed"
                services.registration_confirm(registration=registration)
                return "confirmed"
            registration = services.registration_create(
                edition=p["edition"],
                personal=personal(email=f"foule{i}@example.org"),
                choices=Choices(
                    days=[p["day1"]], sessions=[p["w1"], p["lunch1"]], accept_waiting_list=i % 5 != 0
                ),
            )
            services.registration_confirm(registration=registration)
            return "registered"
        except ValidationError as exc:
            return "refused: " + " ".join(exc.messages)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=ATTEMPTS) as pool:
        outcomes = list(pool.map(act, range(ATTEMPTS)))

    assert outcomes[:12].count("cancelled") == 4 and outcomes[:12].count("changed") == 4
    assert all(o == "registered" or "complet" in o for o in outcomes[12:])
    holding = Registration.objects.filter(status__in=["pending", "confirmed", "offered"])
    p["edition"].refresh_from_db()
    assert p["edition"].places_taken == holding.count() <= 30
    if Registration.objects.filter(status="waiting").exists():  # the congress's own waiting list
        assert holding.count() == 30
    for session in (p["w1"], p["w2"], p["lunch1"]):
        session.refresh_from_db()
        holding = Booking.objects.filter(session=session, status__in=["place", "offered"]).count()
        assert holding == session.places_taken <= CAPACITY
        if Booking.objects.filter(session=session, status="waiting").exists():
            assert holding == CAPACITY  # nobody waits while a place is free
