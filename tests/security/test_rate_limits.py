"""Public forms are capped per person, and a person is told apart even behind the proxy."""

from __future__ import annotations

import pytest
from django.core import mail

from associations.structures.models import Association, Membership
from associations.volunteering.models import VolunteerInterest
from tests import factories
from tests.associations.directory.test_proposals import PROPOSAL
from tests.associations.factories import VolunteerMissionFactory
from tests.associations.volunteering.test_volunteering import interest_data

pytestmark = pytest.mark.django_db


def test_behind_the_proxy_each_visitor_has_their_own_quota(client, settings):
    """In production REMOTE_ADDR is the proxy's: keyed on it, five messages would close the
    volunteering form for the whole city for an hour."""
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    mission = VolunteerMissionFactory()
    for n in range(5):
        response = client.post(
            mission.get_absolute_url(),
            interest_data(email=f"p{n}@example.org"),
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
        assert response.status_code == 302
    blocked = client.post(
        mission.get_absolute_url(),
        interest_data(email="p6@example.org"),
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    assert blocked.status_code == 429
    other = client.post(
        mission.get_absolute_url(),
        interest_data(email="voisin@example.org"),
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert other.status_code == 302
    assert VolunteerInterest.objects.count() == 6


def test_without_a_trusted_proxy_a_forged_header_does_not_reset_the_quota(client):
    mission = VolunteerMissionFactory()
    for n in range(6):
        response = client.post(
            mission.get_absolute_url(),
            interest_data(email=f"p{n}@example.org"),
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    assert response.status_code == 429
    assert VolunteerInterest.objects.count() == 5


def test_membership_requests_are_capped(client, user, django_capture_on_commit_callbacks):
    """Each request e-mails a structure's admins: one account cannot write to all of them."""
    structures = [factories.AssociationFactory() for _ in range(11)]
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        for association in structures[:10]:
            response = client.post(f"/annuaire/{association.slug}/rejoindre/", {"message": "Bonjour"})
            assert response.status_code == 302
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/annuaire/{structures[10].slug}/rejoindre/", {"message": "Bonjour"})
    assert response.status_code == 429
    assert "Trop de demandes envoyées" in response.content.decode()
    assert not Membership.objects.filter(association=structures[10]).exists()
    assert len(mail.outbox) == sent


def test_structure_proposals_are_capped(client, user):
    client.force_login(user)
    for n in range(5):
        response = client.post("/annuaire/proposer/", {**PROPOSAL, "name": f"Jardin partagé {n}"})
        assert response.status_code == 302
    response = client.post("/annuaire/proposer/", {**PROPOSAL, "name": "Jardin partagé 6"})
    assert response.status_code == 429
    assert "Trop de demandes envoyées" in response.content.decode()
    assert Association.objects.filter(name__startswith="Jardin partagé").count() == 5
