"""Factories for events: series and editions live in tests/factories.py (the home page uses them)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from events.calendar.models import Stage
from events.participation.models import Participation
from events.proposals.models import EventProposal
from tests import factories


class StageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stage

    edition = factory.SubFactory(factories.EditionFactory)
    position = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Étape {n}")
    place = "Place de la République"
    starts_at = factory.LazyAttribute(lambda o: o.edition.starts_at + dt.timedelta(minutes=30 * o.position))
    latitude = Decimal("48.007400")
    longitude = Decimal("0.198500")


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    edition = factory.SubFactory(factories.EditionFactory)
    association = factory.SubFactory(factories.AssociationFactory)
    offer = "Un stand de spécialités."
    people = 2


class EventProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventProposal

    association = factory.SubFactory(factories.AssociationFactory)
    title = factory.Sequence(lambda n: f"Fête des voisins {n}")
    kind = "autre"
    description = "Un repas partagé dans le quartier."
    starts_at = factory.LazyFunction(lambda: factories.local_day_at(40))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=4))
    venue_name = "Square des Sablons"
