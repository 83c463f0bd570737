"""Registration services: double opt-in, places, waiting list, expiry, bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from congress.registrations import services
from congress.registrations.models import Booking, BookingStatus, Registration, RegistrationStatus
from congress.registrations.services import Choices
from tests.congress.factories import personal, programme, register

pytestmark = pytest.mark.django_db


def _status(registration, session) -> str:
    return Booking.objects.get(registration=registration, session=session).status


def test_registration_holds_places_then_confirmation_sends_summary_and_ics(
    django_capture_on_commit_callbacks,
):
    p = programme()
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(p, p["w1"], p["lunch1"], email="Claire.Martin@Example.org")
    assert registration.status == RegistrationStatus.PENDING
    assert registration.email == "claire.martin@example.org"
    assert _status(registration, p["w1"]) == BookingStatus.PLACE
    p["w1"].refresh_from_db()
    assert p["w1"].places_taken == 1
    assert len(mail.outbox) == 1
    assert "Confirmez votre inscription" in mail.outbox[0].subject
    assert f"/congres/inscription/{registration.token}/confirmer/" in mail.outbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_confirm(registration=registration)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    confirmation = mail.outbox[1]
    assert "est confirmée" in confirmation.subject
    assert "Atelier insertion" in confirmation.body and "Atelier « Atelier" not in confirmation.body
    assert registration.get_absolute_url() in confirmation.body
    (name, content, mimetype) = confirmation.attachments[0]
    assert name.endswith(".ics") and mimetype == "text/calendar; method=PUBLISH"
    assert "BEGIN:VEVENT" in content.decode() if isinstance(content, bytes) else "BEGIN:VEVENT" in content

    # A second click changes nothing and sends nothing.
    services.registration_confirm(registration=registration)
    assert len(mail.outbox) == 2


def test_a_full_workshop_offers_the_waiting_list_or_refuses_with_a_reason():
    p = programme(workshop_capacity=1)
    first = register(p, p["w1"])
    second = register(p, p["w1"])
    assert _status(first, p["w1"]) == BookingStatus.PLACE
    assert _status(second, p["w1"]) == BookingStatus.WAITING
    p["w1"].refresh_from_db()
    assert p["w1"].places_taken == 1

    with pytest.raises(ValidationError, match="est complet"):
        register(p, p["w1"], accept_waiting_list=False, email="refusee@example.org")
    assert not Registration.objects.filter(email="refusee@example.org").exists()  # nothing half-saved


def test_cancelling_offers_the_place_to_the_next_who_confirms_it_in_time(django_capture_on_commit_callbacks):
    p = programme(workshop_capacity=1)
    first = register(p, p["w1"])
    second = register(p, p["w1"])
    third = register(p, p["w1"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=first)
    offered = Booking.objects.get(registration=second, session=p["w1"])
    assert offered.status == BookingStatus.OFFERED
    assert offered.offered_until > timezone.now()
    assert _status(third, p["w1"]) == BookingStatus.WAITING
    assert any("Une place s'est libérée" in m.subject and m.to == [second.email] for m in mail.outbox)

    services.booking_accept_offer(booking=offered)
    assert _status(second, p["w1"]) == BookingStatus.PLACE
    p["w1"].refresh_from_db()
    assert p["w1"].places_taken == 1


def test_a_lapsed_offer_passes_to_the_next_person():
    p = programme(workshop_capacity=1)
    first = register(p, p["w1"])
    second = register(p, p["w1"])
    third = register(p, p["w1"])
    services.registration_confirm(registration=first)
    services.registration_confirm(registration=second)
    services.registration_confirm(registration=third)
    services.registration_cancel(registration=first)
    offer = Booking.objects.get(registration=second, session=p["w1"])

    result = services.registrations_expire(now=offer.offered_until + dt.timedelta(minutes=1))

    assert result["lapsed"] == 1
    assert _status(second, p["w1"]) == BookingStatus.RELEASED
    assert _status(third, p["w1"]) == BookingStatus.OFFERED
    offer.refresh_from_db()
    with pytest.raises(ValidationError, match="délai"):
        services.booking_accept_offer(booking=offer)


def test_unconfirmed_registrations_expire_and_free_their_places():
    p = programme(workshop_capacity=1)
    p["edition"].capacity = 10  # the edition's counter is kept only for a congress with a capacity
    p["edition"].save()
    pending = register(p, p["w1"])
    waiting = register(p, p["w1"])
    services.registration_confirm(registration=waiting)

    result = services.registrations_expire(now=pending.expires_at + dt.timedelta(seconds=1))

    pending.refresh_from_db()
    assert result["expired"] == 1
    assert pending.status == RegistrationStatus.EXPIRED
    assert _status(waiting, p["w1"]) == BookingStatus.OFFERED
    with pytest.raises(ValidationError, match="expiré"):
        services.registration_confirm(registration=pending)
    p["edition"].refresh_from_db()
    assert p["edition"].places_taken == 1


def test_changing_workshop_frees_the_old_place():
    p = programme(workshop_capacity=1)
    registration = register(p, p["w1"])
    waiting = register(p, p["w1"])
    services.registration_change(
        registration=registration, choices=Choices(days=[p["day1"]], sessions=[p["w2"]])
    )
    assert _status(registration, p["w1"]) == BookingStatus.RELEASED
    assert _status(registration, p["w2"]) == BookingStatus.PLACE
    assert _status(waiting, p["w1"]) == BookingStatus.OFFERED


@pytest.mark.parametrize(
    ("make_choices", "message"),
    [
        (lambda p: Choices(days=[p["day1"]], sessions=[p["w4"]]), "un jour où vous n'avez pas prévu"),
        (lambda p: Choices(days=[p["day1"]], sessions=[p["w1"], p["w2"]]), "Un seul atelier par créneau"),
        (lambda p: Choices(days=[p["day1"]], sessions=[p["plenary"]]), "ne fait pas partie des choix"),
        (lambda p: Choices(days=[], sessions=[]), "au moins un jour"),
    ],
)
def test_choices_are_checked(make_choices, message):
    p = programme()
    with pytest.raises(ValidationError, match=message):
        services.registration_create(edition=p["edition"], personal=personal(), choices=make_choices(p))
    assert Registration.objects.count() == 0


def test_an_address_registers_once_per_edition():
    p = programme()
    services.registration_confirm(registration=register(p, email="une@example.org"))
    with pytest.raises(ValidationError) as exc:
        register(p, email="UNE@example.org")
    assert exc.value.message_dict["email"] == [
        "Cette adresse e-mail est déjà inscrite à cette édition : retrouvez l'inscription grâce au "
        "lien personnel envoyé à cette adresse."
    ]


def test_registration_closed_or_not_yet_open():
    p = programme()
    edition = p["edition"]
    edition.registration_opens_at = timezone.now() + dt.timedelta(days=2)
    edition.registration_closes_at = timezone.now() + dt.timedelta(days=20)
    edition.save()
    with pytest.raises(ValidationError, match="pas encore ouvertes"):
        register(p)
    edition.registration_opens_at = timezone.now() - dt.timedelta(days=20)
    edition.registration_closes_at = timezone.now() - dt.timedelta(days=1)
    edition.save()
    with pytest.raises(ValidationError, match="closes"):
        register(p)


def test_the_congress_capacity_is_never_exceeded():
    p = programme()
    p["edition"].capacity = 1
    p["edition"].save()
    register(p)
    with pytest.raises(ValidationError, match="complet"):  # the congress's waiting list refused
        register(p, accept_waiting_list=False)
    assert Registration.objects.count() == 1


def test_consent_to_the_processing_is_required():
    p = programme()
    with pytest.raises(ValidationError) as exc:
        register(p, consent_processing=False)
    assert "consent_processing" in exc.value.message_dict
