"""Factories of the congress: an edition open for registration with a small programme."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from congress.editions.models import CongressDay, Session, SessionKind
from congress.registrations.services import Choices, registration_confirm, registration_create
from tests.factories import CongressEditionFactory, ThemeFactory


class OpenEditionFactory(CongressEditionFactory):
    """An edition next year, registration open since yesterday."""

    year = factory.Sequence(lambda n: timezone.localdate().year + 1 + n)
    starts_on = factory.LazyAttribute(lambda o: dt.date(o.year, 2, 2))
    ends_on = factory.LazyAttribute(lambda o: dt.date(o.year, 2, 3))
    registration_opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    registration_closes_at = factory.LazyAttribute(
        lambda o: dt.datetime.combine(o.starts_on, dt.time(0), tzinfo=dt.UTC)
    )
    contact_email = "congres@example.org"


class DayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CongressDay

    edition = factory.SubFactory(OpenEditionFactory)
    date = factory.LazyAttribute(lambda o: o.edition.starts_on)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session
        skip_postgeneration_save = True

    day = factory.SubFactory(DayFactory)
    kind = SessionKind.WORKSHOP
    title = factory.Sequence(lambda n: f"Atelier {n}")
    starts_at = dt.time(10)
    ends_at = dt.time(12)
    capacity = 10


def programme(*, workshop_capacity: int = 10, lunch_capacity: int = 20) -> dict:
    """An open edition of two days; day 1: two workshops at 10 h (a slot), one at 14 h, a lunch;
    day 2: one workshop and a lunch."""
    edition = OpenEditionFactory()
    day1 = DayFactory(edition=edition, date=edition.starts_on)
    day2 = DayFactory(edition=edition, date=edition.ends_on)
    theme = ThemeFactory(edition=edition, title="L'insertion")
    sessions = {
        "plenary": SessionFactory(
            day=day1,
            kind=SessionKind.PLENARY,
            title="Ouverture",
            starts_at=dt.time(9),
            ends_at=dt.time(10),
            capacity=None,
        ),
        "w1": SessionFactory(day=day1, title="Atelier insertion", theme=theme, capacity=workshop_capacity),
        "w2": SessionFactory(day=day1, title="Atelier engagement", capacity=workshop_capacity),
        "w3": SessionFactory(
            day=day1,
            title="Atelier de l'après-midi",
            starts_at=dt.time(14),
            ends_at=dt.time(16),
            capacity=workshop_capacity,
        ),
        "lunch1": SessionFactory(
            day=day1,
            kind=SessionKind.LUNCH,
            title="Déjeuner 1",
            starts_at=dt.time(12),
            ends_at=dt.time(14),
            capacity=lunch_capacity,
        ),
        "w4": SessionFactory(day=day2, title="Atelier du samedi", capacity=workshop_capacity),
        "lunch2": SessionFactory(
            day=day2,
            kind=SessionKind.LUNCH,
            title="Déjeuner 2",
            starts_at=dt.time(12),
            ends_at=dt.time(14),
            capacity=lunch_capacity,
        ),
    }
    return {"edition": edition, "day1": day1, "day2": day2, "theme": theme, **sessions}


_counter = iter(range(1, 10**6))


def personal(**overrides) -> dict:
    n = next(_counter)
    return {
        "civility": "mme",
        "last_name": f"Martin{n}",
        "first_name": "Claire",
        "email": f"claire{n}@example.org",
        "phone": "",
        "organisation": "Épicerie solidaire",
        "organisation_kind": "association",
        "role": "Bénévole",
        "city": "Le Mans",
        "country": "France",
        "dietary_needs": "",
        "accessibility_needs": "",
        "consent_processing": True,
        "consent_public_list": False,
        "consent_image": False,
        **overrides,
    }


def register(p: dict, *sessions, days=None, accept_waiting_list=True, user=None, **overrides):
    """A registration through the service (pending until confirmed); `user`: made signed in."""
    return registration_create(
        edition=p["edition"],
        personal=personal(**overrides),
        choices=Choices(
            days=days or [p["day1"]], sessions=list(sessions), accept_waiting_list=accept_waiting_list
        ),
        user=user,
    )


def register_confirmed(p: dict, *sessions, **kwargs):
    """A registration through the service, then confirmed by its own e-mail link."""
    return registration_confirm(registration=register(p, *sessions, **kwargs))
