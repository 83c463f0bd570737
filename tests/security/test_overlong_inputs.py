"""Every bounded text field of the public and members' forms refuses a value one character too
long with an error on that field: nothing is cut to fit, nothing is half-saved, never a 500."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import reverse

from associations.structures.models import Association, Membership, Service
from associations.volunteering.models import VolunteerInterest, VolunteerMission
from charter.models import Signature
from solidaire.accounts.models import User
from tests import factories
from tests.associations.directory.test_proposals import PROPOSAL
from tests.associations.factories import VolunteerMissionFactory
from tests.associations.selfservice.test_selfservice import CARD, moderation
from tests.associations.volunteering.test_volunteering import interest_data, mission_form
from tests.charter.factories import association_admin, make_version

pytestmark = pytest.mark.django_db


def _too_long(field: forms.Field) -> str:
    """A value valid in every other way, one character over the field's limit."""
    size = field.max_length + 1
    if isinstance(field, forms.EmailField):
        local = size - len("@example.org")
        # Dots keep each part short enough for the address syntax: only the length is wrong.
        return ".".join(["a" * 60] * (local // 61) + ["b" * (local % 61 or 1)])[:local] + "@example.org"
    if isinstance(field, forms.URLField):
        return "https://example.org/" + "c" * (size - len("https://example.org/"))
    return "d" * size


def _signup(client):
    data = {
        "email": "nouvelle@example.org",
        "password1": "une-phrase-secrete",
        "password2": "une-phrase-secrete",
    }
    return "/comptes/signup/", data, User


def _volunteer_interest(client):
    return VolunteerMissionFactory().get_absolute_url(), interest_data(), VolunteerInterest


def _structure_proposal(client):
    client.force_login(factories.UserFactory())
    return "/annuaire/proposer/", dict(PROPOSAL), Association


def _membership_request(client):
    factories.AssociationFactory(slug="epicerie")
    client.force_login(factories.UserFactory())
    return "/annuaire/epicerie/rejoindre/", {"message": "Je suis bénévole."}, Membership


def _charter_signature(client):
    make_version(number=1, articles=2)
    association = factories.AssociationFactory()
    client.force_login(association_admin(association))
    data = {
        "association": association.pk,
        "representative_name": "Claire",
        "representative_role": "Présidente",
    }
    data.update({"article_1": "on", "article_2": "on"})
    return reverse("charter:sign"), data, Signature


def _admin_of(association):
    return factories.MembershipFactory(association=association, role="admin", status="approved").user


def _card_edit(client):
    association = factories.AssociationFactory()
    moderation(False)
    client.force_login(
        factories.MembershipFactory(association=association, role="admin", status="approved").user
    )
    return f"/annuaire/{association.slug}/espace/fiche/", dict(CARD), Association


def _service_new(client):
    association = factories.AssociationFactory()
    moderation(False)
    client.force_login(
        factories.MembershipFactory(association=association, role="admin", status="approved").user
    )
    data = {
        "name": "Colis alimentaires",
        "description": "Le mardi",
        "thematiques": [factories.ThematiqueFactory().pk],
        "publics": ["familles"],
        "fee": "gratuit",
        "access_conditions": ["sur-orientation"],
        "modes": ["sur-place"],
        "closed_from": "",
        "closed_until": "",
    }
    return f"/annuaire/{association.slug}/espace/services/nouveau/", data, Service


def _mission_create(client):
    association = factories.AssociationFactory()
    client.force_login(
        factories.MembershipFactory(association=association, role="admin", status="approved").user
    )
    return f"/benevolat/structures/{association.slug}/nouvelle/", mission_form(), VolunteerMission


FORMS = [
    _signup,
    _volunteer_interest,
    _structure_proposal,
    _membership_request,
    _charter_signature,
    _card_edit,
    _service_new,
    _mission_create,
]


def _stored(model, name: str, value: str) -> bool:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    if not isinstance(field, models.CharField | models.TextField):
        return False
    return model.objects.filter(**{name: value}).exists()


@pytest.mark.parametrize("setup", FORMS, ids=lambda f: f.__name__.strip("_"))
def test_every_bounded_field_refuses_an_overlong_value(client, setup):
    url, valid, model = setup(client)
    form = client.get(url).context["form"]
    bounded = {
        name: field
        for name, field in form.fields.items()
        if isinstance(field, forms.CharField) and field.max_length and name in valid
    }
    assert bounded, "the form has bounded text fields to try"
    before = model.objects.count()
    for name, field in bounded.items():
        data = {**valid, name: _too_long(field)}
        response = client.post(url, data)
        assert response.status_code == 200, name
        assert name in response.context["form"].errors, name
        assert data[name] in response.content.decode(), f"{name}: what was typed is shown again"
        assert model.objects.count() == before, name
        assert not _stored(model, name, data[name]), name


def test_signup_refuses_a_312_character_address_in_french_and_never_truncates(client):
    address = ".".join(["a" * 60] * 5) + "@example.org"
    assert len(address) == 316
    for suffix in ("", "x"):  # two addresses sharing their first 254 characters: no IntegrityError
        response = client.post(
            "/comptes/signup/",
            {"email": suffix + address, "password1": "une-phrase-secrete", "password2": "une-phrase-secrete"},
        )
        assert response.status_code == 200
        assert "Cette adresse e-mail est trop longue" in response.content.decode()
    assert not User.objects.exists()


def test_the_volunteer_form_refuses_an_overlong_address_in_french(client):
    mission = VolunteerMissionFactory()
    address = "a" * 60 + "." + "b" * 60 + "." + "c" * 60 + "." + "d" * 60 + "@example.org"
    response = client.post(mission.get_absolute_url(), interest_data(email=address))
    assert response.status_code == 200
    assert "Cette adresse e-mail est trop longue" in response.content.decode()
    assert not VolunteerInterest.objects.exists()
