"""Limits that stop a flood without punishing typos (issue 18): only what was accepted (and a
honeypot hit) uses up an allowance; proposals are limited per registration and per address
per day; a refused submission saves nothing."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from congress.proposals.models import Proposal
from congress.registrations.models import Registration
from congress.registrations.services import registration_confirm
from tests.congress.factories import programme, register

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def _form(p, **overrides) -> dict:
    data = {
        "civility": "m",
        "last_name": "Durand",
        "first_name": "Éric",
        "email": "eric.durand@example.org",
        "organisation_kind": "ccas",
        "city": "Rennes",
        "country": "France",
        "days": [str(p["day1"].pk)],
        "consent_processing": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_refused_forms_do_not_use_up_the_allowance(client, settings):
    p = programme()
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "congress_registration": (3, 3600)}
    url = reverse("congress:register", args=[p["edition"].year])
    # Nine refused submissions in a row (a typo in the address, the consent forgotten)…
    for i in range(9):
        broken = {"email": f"faute{i}@@example"} if i % 2 else {"consent_processing": None}
        response = client.post(url, _form(p, **broken))
        assert response.status_code == 400
    assert Registration.objects.count() == 0
    # …and the corrected one goes through, then two colleagues from the same office.
    for i in range(3):
        assert client.post(url, _form(p, email=f"collegue{i}@example.org")).status_code == 302
    # The allowance is used up by what was accepted: the fourth waits.
    response = client.post(url, _form(p, email="quatrieme@example.org"))
    assert response.status_code == 429
    assert "Trop de demandes envoyées en peu de temps" in response.content.decode()
    assert 'value="quatrieme@example.org"' in response.content.decode()  # what was typed stays
    assert Registration.objects.count() == 3


def test_a_honeypot_hit_uses_up_the_allowance_and_keeps_nothing(client, settings):
    p = programme()
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "congress_registration": (2, 3600)}
    url = reverse("congress:register", args=[p["edition"].year])
    for i in range(2):
        response = client.post(url, _form(p, email=f"bot{i}@example.org", site_web="http://spam"))
        assert response.status_code == 302  # a bot is answered as if it worked
    assert client.post(url, _form(p)).status_code == 429
    assert Registration.objects.count() == 0


def test_confirmations_and_data_downloads_are_limited_per_address(client, settings):
    p = programme()
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "congress_confirm": (2, 3600),
        "congress_data": (2, 3600),
    }
    registrations = [register(p) for _ in range(3)]
    statuses = [
        client.post(reverse("congress:registration_confirm", args=[r.token])).status_code
        for r in registrations
    ]
    assert statuses == [302, 302, 429]
    assert Registration.objects.get(pk=registrations[2].pk).status == "pending"
    other_office = client.post(
        reverse("congress:registration_confirm", args=[registrations[2].token]), REMOTE_ADDR="10.9.9.9"
    )
    assert other_office.status_code == 302

    data = reverse("congress:registration_data", args=[registrations[0].token])
    assert [client.get(data).status_code for _ in range(3)] == [200, 200, 429]
    assert "Trop de demandes" in client.get(data).content.decode()


def _proposal(p, **overrides) -> dict:
    return {
        "theme": str(p["theme"].pk),
        "title": "Des bus le dimanche",
        "body": "Pour aller travailler.",
        **overrides,
    }


def test_a_hundred_proposals_in_a_minute_stop_at_the_daily_allowance(client, settings):
    p = programme()
    settings.CONGRESS_PROPOSALS_PER_DAY = 5
    registration = register(p)
    registration_confirm(registration=registration)
    url = reverse("congress:proposal_submit", args=[registration.token])
    statuses = [client.post(url, _proposal(p, title=f"Proposition {i}")).status_code for i in range(100)]
    assert statuses[:5] == [302] * 5
    assert set(statuses[5:]) == {400}
    response = client.post(url, _proposal(p))
    assert "Vous avez déjà fait 5 propositions en 24 heures" in response.content.decode()
    assert "Des bus le dimanche" in response.content.decode()  # what was typed stays
    assert Proposal.objects.filter(registration_token=registration.token).count() == 5


def test_proposals_are_limited_per_address_across_registrations(client, settings):
    p = programme()
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "congress_proposal": (3, 24 * 3600)}
    registrations = [register(p) for _ in range(2)]
    for registration in registrations:
        registration_confirm(registration=registration)
    statuses = []
    for registration in registrations:
        url = reverse("congress:proposal_submit", args=[registration.token])
        statuses += [client.post(url, _proposal(p, title=f"P{i}")).status_code for i in range(2)]
    assert statuses == [302, 302, 302, 429]
    assert Proposal.objects.count() == 3
    # A refused proposal (no theme) does not count; a honeypot hit does, and keeps nothing.
    cache.clear()
    url = reverse("congress:proposal_submit", args=[registrations[0].token])
    assert client.post(url, _proposal(p, theme="")).status_code == 400
    assert client.post(url, _proposal(p, site_web="http://spam")).status_code == 302
    assert Proposal.objects.count() == 3
