"""The congress's own waiting list, when the edition's overall capacity is full: registration
goes on it (when accepted), a freed place is offered with a deadline and an e-mail, taken from
the private link, and a lapsed offer passes to the next person."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from post_office.models import Email

from congress.registrations import services
from congress.registrations.models import Booking, Registration, RegistrationStatus
from congress.registrations.services import Choices
from tests.congress.factories import programme, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def full():
    """An edition of 2 places, both taken (one confirmed, one pending), and 2 people waiting."""
    p = programme()
    p["edition"].capacity = 2
    p["edition"].save()
    holders = [register(p, p["w1"]), register(p, p["w1"])]
    services.registration_confirm(registration=holders[0])
    waiting = [register(p, p["w1"], last_name=f"Attente{i}") for i in range(2)]
    return p, holders, waiting


def test_a_full_congress_puts_people_on_its_waiting_list_or_refuses_with_a_reason(full):
    p, _holders, waiting = full
    assert [w.status for w in waiting] == [RegistrationStatus.WAITING] * 2
    assert not Booking.objects.filter(registration__in=waiting).exists()  # no workshop place held
    p["edition"].refresh_from_db()
    assert p["edition"].places_taken == 2
    mail = Email.objects.filter(to=[waiting[0].email]).get()
    assert "Liste d'attente" in mail.subject and "/confirmer/" in mail.message
    with pytest.raises(ValidationError, match="Le congrès est complet"):
        register(p, accept_waiting_list=False, email="refuse@example.org")
    assert not Registration.objects.filter(email="refuse@example.org").exists()
    with pytest.raises(ValidationError, match="déjà inscrite"):  # the address stays registered
        register(p, email=waiting[0].email)
    # Confirming the address keeps the place on the list; choosing workshops waits.
    services.registration_confirm(registration=waiting[0])
    waiting[0].refresh_from_db()
    assert waiting[0].status == RegistrationStatus.WAITING and waiting[0].confirmed_at
    with pytest.raises(ValidationError, match="liste d'attente du congrès"):
        services.registration_change(registration=waiting[0], choices=Choices(days=[p["day1"]]))


def test_a_cancellation_offers_the_place_which_is_taken_from_the_private_link(
    full, client, django_capture_on_commit_callbacks
):
    p, holders, waiting = full
    services.registration_cancel(registration=holders[0])
    first, second = (Registration.objects.get(pk=w.pk) for w in waiting)
    assert first.status == RegistrationStatus.OFFERED and first.offered_until
    assert second.status == RegistrationStatus.WAITING  # one place freed, one offer
    offer = Email.objects.filter(to=[first.email], subject__startswith="Une place s'est libérée").get()
    assert first.get_absolute_url() in offer.message
    page = client.get(first.get_absolute_url()).content.decode()
    assert "Je prends cette place" in page
    response = client.post(reverse("congress:registration_accept_place", args=[first.token]), follow=True)
    assert "Votre place au congrès est confirmée" in response.content.decode()
    first.refresh_from_db()
    assert first.status == RegistrationStatus.CONFIRMED and first.confirmed_at
    p["edition"].refresh_from_db()
    assert p["edition"].places_taken == 2
    # Now a registered attendee, the person chooses workshops.
    services.registration_change(registration=first, choices=Choices(days=[p["day1"]], sessions=[p["w1"]]))
    assert Booking.objects.filter(registration=first, session=p["w1"]).exists()


def test_a_lapsed_offer_passes_to_the_next_person(full):
    p, holders, waiting = full
    services.registration_cancel(registration=holders[1])
    first = Registration.objects.get(pk=waiting[0].pk)
    result = services.registrations_expire(now=first.offered_until + dt.timedelta(seconds=1))
    first.refresh_from_db()
    second = Registration.objects.get(pk=waiting[1].pk)
    assert result["lapsed"] == 1
    assert first.status == RegistrationStatus.LAPSED
    assert second.status == RegistrationStatus.OFFERED
    with pytest.raises(ValidationError, match="délai"):
        services.registration_accept_place(registration=first)
    p["edition"].refresh_from_db()
    assert p["edition"].places_taken == 2  # the confirmed holder and the new offer


def test_leaving_the_waiting_list_frees_nothing_and_offers_nothing(full):
    p, _holders, waiting = full
    services.registration_cancel(registration=waiting[0])
    waiting[0].refresh_from_db()
    assert waiting[0].status == RegistrationStatus.CANCELLED
    assert Registration.objects.get(pk=waiting[1].pk).status == RegistrationStatus.WAITING
    p["edition"].refresh_from_db()
    assert p["edition"].places_taken == 2
