"""Charter factories beyond the shared ones (CharterVersionFactory, SignatureFactory)."""

from __future__ import annotations

import datetime as dt

import factory

from charter.models import CharterArticle, CharterSection, CharterValue, CharterVersion
from tests.factories import AssociationFactory, MembershipFactory


class CharterSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CharterSection

    version = factory.SubFactory("tests.factories.CharterVersionFactory")
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Partie {n + 1}")
    body = "Un texte d'introduction."
    closing = ""


class CharterValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CharterValue

    section = factory.SubFactory(CharterSectionFactory)
    order = factory.Sequence(lambda n: n)
    label = factory.Sequence(lambda n: f"Valeur {n}")


class CharterArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CharterArticle

    section = factory.SubFactory(CharterSectionFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Engagement numéro {n + 1}.")
    body = "Nous nous engageons."


def make_version(
    *,
    number: int = 1,
    current: bool = True,
    articles: int = 2,
    adopted_on: dt.date | None = dt.date(2010, 11, 19),
    **fields,
) -> CharterVersion:
    """A version with one section holding `articles` articles (numbered 1…n)."""
    version = CharterVersion.objects.create(
        number=number, adopted_on=adopted_on, is_current=current, **fields
    )
    section = CharterSectionFactory(version=version, number=1, title="L'utilisateur acteur")
    for n in range(1, articles + 1):
        CharterArticleFactory(section=section, number=n, title=f"Engagement {n} de la v{number}.")
    return version


def association_admin(association=None):
    """An approved admin of a (new) association."""
    association = association or AssociationFactory()
    return MembershipFactory(association=association, role="admin", status="approved").user
