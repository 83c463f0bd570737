"""Factories of the directory's features: social centres' actions, volunteering, inspiring
practices (structures, services and memberships are in tests/factories.py, which every app uses)."""

from __future__ import annotations

import hashlib

import factory
from django.utils import timezone
from django.utils.text import slugify

from associations.actions.models import Action, ActionDimension, ActionKeyword, ActionPublic
from associations.practices.models import Practice
from associations.volunteering.models import VolunteerMission, VolunteerSkill
from tests import factories
from tests.factories import AssociationFactory


class ActionDimensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionDimension
        django_get_or_create = ("slug",)

    label = factory.Sequence(lambda n: f"Dimension {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.label))


class ActionKeywordFactory(ActionDimensionFactory):
    class Meta:
        model = ActionKeyword
        django_get_or_create = ("slug",)

    label = factory.Sequence(lambda n: f"Mot clé {n}")


class ActionPublicFactory(ActionDimensionFactory):
    class Meta:
        model = ActionPublic
        django_get_or_create = ("slug",)

    label = factory.Sequence(lambda n: f"Public {n}")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Action solidaire {n}")
    slug = factory.Sequence(lambda n: f"action-solidaire-{n}")
    natural_key = factory.LazyAttribute(lambda o: hashlib.sha256(o.slug.encode()).hexdigest())
    status = "en_cours"
    summary = "Une action menée avec les habitants."
    structure = factory.SubFactory(AssociationFactory, kind="centre_social")
    territory = "Un quartier"

    @factory.post_generation
    def dimensions(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.dimensions.set(extracted)

    @factory.post_generation
    def keywords(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.keywords.set(extracted)

    @factory.post_generation
    def publics(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.publics.set(extracted)


class VolunteerSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VolunteerSkill
        django_get_or_create = ("slug",)

    label = factory.Sequence(lambda n: f"Compétence {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.label))


class VolunteerMissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VolunteerMission
        skip_postgeneration_save = True

    association = factory.SubFactory(AssociationFactory)
    title = factory.Sequence(lambda n: f"Mission bénévole {n}")
    description = "Aider l'équipe à accueillir le public."
    time_commitment = "2 heures par semaine"
    quartier = "centre"
    status = "published"

    @factory.post_generation
    def skills(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.skills.set(extracted)


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
