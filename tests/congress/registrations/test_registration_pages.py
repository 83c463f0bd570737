"""Registration through the pages: the form, bad input, bots, the private link's pages."""

from __future__ import annotations

import json
import re

import pytest
from django.core import mail
from django.urls import reverse

from congress.registrations.models import Booking, BookingStatus, Registration, RegistrationStatus
from congress.registrations.services import registration_confirm
from tests import factories
from tests.congress.factories import programme, register

pytestmark = pytest.mark.django_db


def _form(p, **overrides) -> dict:
    data = {
        "civility": "m",
        "last_name": "Durand",
        "first_name": "Éric",
        "email": "eric.durand@example.org",
        "organisation": "CCAS de Rennes",
        "organisation_kind": "ccas",
        "city": "Rennes",
        "country": "France",
        "days": [str(p["day1"].pk)],
        f"slot_{p['day1'].date:%Y%m%d}_1000": str(p["w1"].pk),
        f"lunch_{p['lunch1'].pk}": "on",
        "accept_waiting_list": "on",
        "consent_processing": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _link(body: str, suffix: str = "") -> str:
    return re.search(rf"https?://[^/\s]+(/congres/inscription/[\w-]+/{suffix})", body).group(1)


def test_a_newcomer_registers_confirms_changes_and_cancels(client, django_capture_on_commit_callbacks):
    p = programme()
    url = reverse("congress:register", args=[p["edition"].year])
    page = client.get(url)
    assert "Atelier insertion" in page.content.decode()
    assert "laissez ce champ vide" in page.content.decode().lower()  # the honeypot is there, hidden

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, _form(p))
    assert response.status_code == 302
    assert "Plus qu'une étape" in client.get(response["Location"]).content.decode()
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.PENDING

    confirm = _link(mail.outbox[0].body, "confirmer/")
    assert "Je confirme" in client.get(confirm).content.decode()  # a GET confirms nothing
    assert Registration.objects.get().status == RegistrationStatus.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm, follow=True)
    assert "votre inscription est confirmée" in response.content.decode()
    private = _link(mail.outbox[1].body)

    page = client.get(private).content.decode()
    assert "Confirmée" in page and "Atelier insertion" in page

    edit = reverse("congress:registration_edit", args=[registration.token])
    response = client.post(edit, _form(p, **{f"slot_{p['day1'].date:%Y%m%d}_1000": str(p["w2"].pk)}))
    assert response.status_code == 302
    assert Booking.objects.get(registration=registration, session=p["w2"]).status == BookingStatus.PLACE
    assert Booking.objects.get(registration=registration, session=p["w1"]).status == BookingStatus.RELEASED

    data = client.get(reverse("congress:registration_data", args=[registration.token]))
    assert json.loads(data.content)["adresse e-mail"] == "eric.durand@example.org"

    client.post(reverse("congress:registration_cancel", args=[registration.token]))
    assert Registration.objects.get().status == RegistrationStatus.CANCELLED


def test_an_account_prefills_the_form(client):
    p = programme()
    user = factories.UserFactory(full_name="Awa Diallo", email="awa@example.org")
    client.force_login(user)
    page = client.get(reverse("congress:register", args=[p["edition"].year])).content.decode()
    assert 'value="awa@example.org"' in page and 'value="Awa"' in page and 'value="Diallo"' in page


@pytest.mark.parametrize(
    ("overrides", "field_error"),
    [
        ({"email": "pas-une-adresse"}, "Saisissez une adresse e-mail valide"),
        ({"consent_processing": None}, "sans votre accord"),
        ({"last_name": "x" * 101}, "au plus 100 caractères"),
        ({"days": [str(999999)]}, "Sélectionnez un choix valide"),
    ],
)
def test_bad_input_is_explained_and_what_was_typed_stays(client, overrides, field_error):
    p = programme()
    response = client.post(reverse("congress:register", args=[p["edition"].year]), _form(p, **overrides))
    assert response.status_code == 400
    page = response.content.decode()
    assert field_error in page
    assert 'value="CCAS de Rennes"' in page
    assert Registration.objects.count() == 0


def test_a_workshop_on_a_day_not_chosen_is_refused(client):
    p = programme()
    data = _form(p, **{f"slot_{p['day2'].date:%Y%m%d}_1000": str(p["w4"].pk)})
    response = client.post(reverse("congress:register", args=[p["edition"].year]), data)
    assert response.status_code == 400
    assert "un jour où vous n&#x27;avez pas prévu" in response.content.decode()
    assert Registration.objects.count() == 0


def test_a_full_workshop_posted_by_hand_is_refused_with_a_reason(client):
    p = programme(workshop_capacity=1)
    register(p, p["w1"])
    data = _form(p, accept_waiting_list=None)
    response = client.post(reverse("congress:register", args=[p["edition"].year]), data)
    assert response.status_code == 400
    assert "« Atelier insertion » est complet" in response.content.decode()
    assert Registration.objects.count() == 1


def test_an_address_already_registered_is_told(client):
    p = programme()
    registration_confirm(registration=register(p, email="eric.durand@example.org"))
    response = client.post(reverse("congress:register", args=[p["edition"].year]), _form(p))
    assert "déjà inscrite à cette édition" in response.content.decode()


def test_registration_closed_shows_no_form(client):
    p = programme()
    p["edition"].registration_opens_at = None
    p["edition"].save()
    response = client.post(reverse("congress:register", args=[p["edition"].year]), _form(p))
    assert "closes" in response.content.decode()
    assert Registration.objects.count() == 0


def test_the_honeypot_keeps_nothing(client):
    p = programme()
    response = client.post(
        reverse("congress:register", args=[p["edition"].year]), _form(p, site_web="http://spam")
    )
    assert response.status_code == 302
    assert Registration.objects.count() == 0
    assert mail.outbox == []


def test_a_bot_is_stopped_per_address_and_per_email(client, settings):
    p = programme()
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "congress_registration": (3, 3600)}
    url = reverse("congress:register", args=[p["edition"].year])
    statuses = [client.post(url, _form(p, email=f"bot{i}@example.org")).status_code for i in range(5)]
    assert statuses[:3] == [302, 302, 302]
    assert statuses[3:] == [429, 429]
    assert "Trop de demandes" in client.post(url, _form(p, email="bot9@example.org")).content.decode()

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "congress_registration": (100, 3600)}
    from django.core.cache import cache

    cache.clear()
    statuses = [
        client.post(url, _form(p, email="meme@example.org"), REMOTE_ADDR=f"10.0.0.{i}").status_code
        for i in range(5)
    ]
    assert statuses[-1] == 429  # the same e-mail from many addresses is limited too
    assert Registration.objects.filter(email="meme@example.org", status="pending").count() == 1


def test_a_tampered_token_gets_a_clear_page(client):
    p = programme()
    registration = register(p)
    for url in [
        reverse("congress:registration", args=[registration.token + "x"]),
        reverse("congress:registration_confirm", args=["n-importe-quoi"]),
        reverse("congress:registration_data", args=["x" * 300]),
    ]:
        response = client.get(url)
        assert response.status_code == 404
        assert "Ce lien n&#x27;est pas valide" in response.content.decode()


def test_an_expired_confirmation_link_says_so(client):
    p = programme()
    registration = register(p)
    Registration.objects.filter(pk=registration.pk).update(status=RegistrationStatus.EXPIRED)
    response = client.post(reverse("congress:registration_confirm", args=[registration.token]))
    assert response.status_code == 400
    assert "a expiré" in response.content.decode()


def test_a_name_that_looks_like_template_code_is_kept_as_typed(client, django_capture_on_commit_callbacks):
    """The outbox takes the rendered e-mail as it is: it is not rendered a second time as a
    template (a name typed « {% x %} » used to fail the request with a 500)."""
    p = programme()
    url = f"/congres/{p['edition'].year}/inscription/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, _form(p, last_name="{% nope %}", first_name="{{ PORTAL_NAME }}"))
    assert response.status_code == 302
    assert Registration.objects.get().last_name == "{% nope %}"
    (sent,) = mail.outbox
    assert "Bonjour {{ PORTAL_NAME }} {% nope %}," in sent.body
