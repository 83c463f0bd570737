import pytest
from django.core import mail

from associations.structures.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db


def test_signed_in_user_requests_to_join_and_admins_are_told(
    client, user, member_of, django_capture_on_commit_callbacks
):
    association = factories.AssociationFactory(slug="epicerie")
    admin = member_of(association, role="admin")
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/annuaire/epicerie/rejoindre/", {"message": "Je suis bénévole."})
    assert response.status_code == 302
    membership = Membership.objects.get(user=user, association=association)
    assert membership.status == "requested"
    assert membership.message == "Je suis bénévole."
    assert mail.outbox[-1].to == [admin.email]
    assert "Je suis bénévole." in mail.outbox[-1].body


def test_requesting_twice_gives_a_clear_error(client, user):
    association = factories.AssociationFactory(slug="epicerie")
    client.force_login(user)
    client.post("/annuaire/epicerie/rejoindre/", {"message": "Première demande"})
    response = client.post("/annuaire/epicerie/rejoindre/", {"message": "Seconde demande"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Votre demande est déjà en attente de validation." in content
    assert "Seconde demande" in content  # what was typed is kept
    assert Membership.objects.filter(association=association).count() == 1


def test_without_admin_the_ccas_is_told(client, user, settings, django_capture_on_commit_callbacks):
    factories.AssociationFactory(slug="sans-admin")
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/annuaire/sans-admin/rejoindre/", {"message": ""})
    assert mail.outbox[-1].to == [settings.CCAS_CONTACT_EMAIL]


def test_cannot_join_a_draft_structure(client, user):
    factories.AssociationFactory(slug="brouillon", status="draft")
    client.force_login(user)
    assert client.get("/annuaire/brouillon/rejoindre/").status_code == 404
