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

from .factories import personal, programme

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
