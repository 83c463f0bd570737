"""Personal data: erasing a registration from its private link, anonymisation twelve months after
the edition."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from congress.privacy import services as privacy
from congress.privacy.tasks import anonymise_registrations
from congress.registrations.models import Booking, RegistrationStatus
from tests.congress.factories import programme, register, register_confirmed

pytestmark = pytest.mark.django_db


def test_erase_cancels_frees_places_and_kills_the_link(client):
    p = programme(workshop_capacity=1)
    registration = register_confirmed(p, p["w1"], last_name="Aeffacer")
    waiting = register(p, p["w1"])
    response = client.post(reverse("congress:registration_erase", args=[registration.token]))
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED and registration.anonymised_at
    assert registration.last_name == "" and registration.email == ""
    assert Booking.objects.get(registration=waiting, session=p["w1"]).status == "offered"
    old = reverse("congress:registration_data", args=[registration.token])
    assert client.get(old).status_code == 404  # the token changed too


def test_registrations_are_anonymised_twelve_months_after_the_edition(settings):
    p = programme()
    registration = register_confirmed(p, p["w1"], p["lunch1"], organisation_kind="ccas", country="Belgique")
    edition = p["edition"]
    settings.CONGRESS_ANONYMISE_AFTER_DAYS = 365
    assert privacy.registrations_anonymise_due(today=edition.ends_on + dt.timedelta(days=365)) == 0
    from unittest import mock

    with mock.patch("django.utils.timezone.localdate", return_value=edition.ends_on + dt.timedelta(days=366)):
        assert anonymise_registrations.delay().get() == 1
    registration.refresh_from_db()
    assert registration.anonymised_at and registration.last_name == "" and registration.email == ""
    # What statistics need stays.
    assert registration.organisation_kind == "ccas" and registration.country == "Belgique"
    assert registration.status == RegistrationStatus.CONFIRMED
    assert Booking.objects.filter(registration=registration).count() == 2
    assert list(registration.days.all()) == [p["day1"]]
    assert privacy.registrations_anonymise_due(today=edition.ends_on + dt.timedelta(days=400)) == 0
