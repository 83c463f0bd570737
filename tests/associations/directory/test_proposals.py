"""Proposing a new structure (moderated by CCAS staff); joining an existing one."""

import pytest
from django.core import mail

from associations.structures.models import Association, Membership
from tests import factories

pytestmark = pytest.mark.django_db

PROPOSAL = {
    "name": "Jardin partagé des Maillets",
    "kind": "association",
    "summary": "Un jardin pour les habitants",
    "street": "",
    "postcode": "72000",
    "city": "Le Mans",
    "quartier": "maillets",
    "phone": "",
    "email": "",
    "website": "",
    "message": "Je suis la présidente.",
}


def test_user_proposes_staff_publish_and_proposer_becomes_admin(
    client, user, staff_user, django_capture_on_commit_callbacks
):
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/annuaire/proposer/", PROPOSAL)
    assert response.status_code == 302
    association = Association.objects.get(name="Jardin partagé des Maillets")
    assert association.status == "draft"
    assert association.proposed_by == user
    assert association.slug == "jardin-partage-des-maillets"
    assert any("Nouvelle structure proposée" in m.subject for m in mail.outbox)
    assert client.get(association.get_absolute_url()).status_code == 404  # not public yet

    client.force_login(staff_user)
    assert "Jardin partagé des Maillets" in client.get("/annuaire/suivi/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/annuaire/suivi/structures/{association.pk}/", {"decision": "approve"})
    association.refresh_from_db()
    assert association.status == "published"
    membership = Membership.objects.get(user=user, association=association)
    assert membership.is_admin
    assert any(user.email in m.to and "publiée" in m.subject for m in mail.outbox)
    client.force_login(user)
    assert client.get(f"/annuaire/{association.slug}/espace/fiche/").status_code == 200


def test_staff_reject_a_proposal_with_reason(client, user, staff_user):
    client.force_login(user)
    client.post("/annuaire/proposer/", PROPOSAL)
    association = Association.objects.get(name="Jardin partagé des Maillets")
    client.force_login(staff_user)
    client.post(f"/annuaire/suivi/structures/{association.pk}/", {"decision": "reject", "reason": "Doublon"})
    association.refresh_from_db()
    assert association.status == "archived"
    assert not Membership.objects.filter(association=association).exists()


def test_proposal_form_errors_are_french_and_keep_values(client, user):
    client.force_login(user)
    response = client.post("/annuaire/proposer/", {**PROPOSAL, "name": "", "email": "nope", "phone": "abc"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Ce champ est obligatoire" in content
    assert "Numéro de téléphone invalide" in content
    assert 'value="Un jardin pour les habitants"' in content
    assert not Association.objects.filter(summary="Un jardin pour les habitants").exists()


def test_reserved_slugs_are_never_taken(client, user):
    client.force_login(user)
    client.post("/annuaire/proposer/", {**PROPOSAL, "name": "Actions"})
    association = Association.objects.get(name="Actions")
    assert association.slug != "actions"


def test_proposing_needs_an_account(client):
    response = client.get("/annuaire/proposer/")
    assert response.status_code == 302 and "/comptes/login/" in response["Location"]


def test_join_request_still_works(client, user):
    association = factories.AssociationFactory()
    client.force_login(user)
    client.post(f"/annuaire/{association.slug}/rejoindre/", {"message": "Bonjour"})
    assert Membership.objects.get(user=user, association=association).status == "requested"
