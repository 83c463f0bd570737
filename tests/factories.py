"""factory_boy factories, one section per app."""

from __future__ import annotations

import datetime as dt

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from associations.structures.models import Association, Membership, Service, Thematique
from associations.structures.services import derived_data_refresh, service_derived_refresh
from charter.models import CharterVersion, Signature
from congress.editions.models import CongressEdition, Theme
from events.calendar.models import Edition, EventSeries
from solidaire.accounts.models import User
from solidaire.accounts.roles import sync_ccas_group

PASSWORD = "un-mot-de-passe-solide"


def local_day_at(days: int, hour: int = 14) -> dt.datetime:
    """An aware datetime `days` from today (Paris) at `hour`:00, so that « 3 hours later » stays
    on the same day whatever the hour the suite runs (« now + 10 days » crossed midnight every
    evening after 21:00)."""
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


# --- accounts --------------------------------------------------------------------------------
class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    full_name = factory.Faker("name", locale="fr_FR")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        obj.save()
        if create:
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


class StaffUserFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def ccas_group(obj, create, extracted, **kwargs):
        if create:
            obj.groups.add(sync_ccas_group())


# --- associations ----------------------------------------------------------------------------
class AssociationFactory(factory.django.DjangoModelFactory):
    """A structure as a service would leave it: its search columns and slots built (the
    services rebuild derived data, save() does not)."""

    class Meta:
        model = Association
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Association solidaire {n}")
    slug = factory.Sequence(lambda n: f"association-solidaire-{n}")
    kind = "association"
    status = "published"
    summary = "Aide alimentaire et accompagnement."
    quartier = "centre"
    city = "Le Mans"

    @factory.post_generation
    def derived(obj, create, extracted, **kwargs):
        if create:
            derived_data_refresh(association=obj)


class ThematiqueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thematique
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"thematique-{n}")
    label = factory.Sequence(lambda n: f"Thématique {n}")


class ServiceFactory(factory.django.DjangoModelFactory):
    """A service as a service would leave it: pass `thematiques=[...]` to attach thematiques;
    its slots and its structure's search text are built after them."""

    class Meta:
        model = Service
        skip_postgeneration_save = True

    association = factory.SubFactory(AssociationFactory)
    name = factory.Sequence(lambda n: f"Service {n}")
    description = "Un service pour les habitants."

    @factory.post_generation
    def thematiques(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.thematiques.set(extracted)

    @factory.post_generation
    def derived(obj, create, extracted, **kwargs):
        if create:
            service_derived_refresh(service=obj)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    association = factory.SubFactory(AssociationFactory)
    role = "member"
    status = "requested"


# --- charter ---------------------------------------------------------------------------------
class CharterVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CharterVersion
        django_get_or_create = ("number",)

    number = 1
    adopted_on = dt.date(2010, 11, 19)
    is_current = True


class SignatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signature

    association = factory.SubFactory(AssociationFactory)
    version = factory.SubFactory(CharterVersionFactory)
    status = "signed"
    signed_on = dt.date(2011, 1, 15)
    representative_name = factory.Faker("name", locale="fr_FR")
    representative_role = "Président·e"
    # Withdrawn and refused signatures keep a date and a reason (database checks).
    withdrawn_on = factory.Maybe(
        factory.LazyAttribute(lambda o: o.status == "withdrawn"),
        yes_declaration=dt.date(2020, 6, 1),
        no_declaration=None,
    )
    withdrawal_reason = factory.Maybe(
        factory.LazyAttribute(lambda o: o.status == "withdrawn"),
        yes_declaration="La structure a cessé son activité.",
        no_declaration="",
    )
    rejection_reason = factory.Maybe(
        factory.LazyAttribute(lambda o: o.status == "rejected"),
        yes_declaration="Signature incomplète.",
        no_declaration="",
    )


# --- events ----------------------------------------------------------------------------------
class EventSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventSeries
        django_get_or_create = ("slug",)

    name = "Pique-niques solidaires"
    slug = "pique-niques-solidaires"
    kind = "temps_fort"
    summary = "Chaque participant apporte un plat à partager."


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    series = factory.SubFactory(EventSeriesFactory)
    title = factory.Sequence(lambda n: f"Pique-nique solidaire {n}")
    slug = factory.Sequence(lambda n: f"pique-nique-solidaire-{n}")
    status = "scheduled"
    starts_at = factory.LazyFunction(lambda: local_day_at(10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=3))
    venue_name = "Jardin des Plantes"
    city = "Le Mans"


EventFactory = EditionFactory  # the home page's tests speak of "events"


# --- congress --------------------------------------------------------------------------------
class CongressEditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CongressEdition

    number = factory.Sequence(lambda n: n + 1)
    year = factory.Sequence(lambda n: 2030 + n)
    title = factory.LazyAttribute(lambda o: f"Congrès national des Solidarités {o.year}")
    starts_on = factory.LazyAttribute(lambda o: dt.date(o.year, 2, 2))
    ends_on = factory.LazyAttribute(lambda o: dt.date(o.year, 2, 3))
    venue = "Palais des Congrès et de la Culture du Mans"


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    edition = factory.SubFactory(CongressEditionFactory)
    title = factory.Sequence(lambda n: f"Thème {n}")


# --- directory (associations: cards, services) -----------------------------------------------
class DirectoryServiceFactory(ServiceFactory):
    """A fully described service; pass `thematiques=[...]` to attach thematiques."""

    publics = factory.LazyFunction(lambda: ["tous-publics"])
    fee = "gratuit"
    access_conditions = factory.LazyFunction(lambda: ["inconditionnel"])
    modes = factory.LazyFunction(lambda: ["sur-place"])
