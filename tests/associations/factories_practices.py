"""Factories for inspiring practices, council requests and card reports."""

from __future__ import annotations

import factory
from django.utils import timezone

from associations.practices.models import Practice
from tests import factories


class PracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Practice

    association = factory.SubFactory(factories.AssociationFactory)
    title = factory.Sequence(lambda n: f"Pratique {n}")
    slug = factory.Sequence(lambda n: f"pratique-{n}")
    question = "Comment rompre l'isolement des personnes âgées ?"
    response = "Des collectifs d'habitants repèrent et accompagnent les personnes isolées."
    steps = "Repérage\nAccompagnement\nSuivi"
    status = "published"
    published_at = factory.LazyFunction(timezone.now)
