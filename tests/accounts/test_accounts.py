import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from solidaire.accounts.models import User
from tests import factories

pytestmark = pytest.mark.django_db


def test_signup_requires_email_verification_before_login(client, django_capture_on_commit_callbacks):
    # allauth's e-mails go through the outbox: sent once the sign-up has committed.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/comptes/signup/",
            {
                "full_name": "Nouvelle Personne",
                "email": "Nouvelle@Example.org",
                "password1": "une-phrase-secrete-longue",
                "password2": "une-phrase-secrete-longue",
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="nouvelle@example.org")
    assert not EmailAddress.objects.get(user=user).verified
    assert "/comptes/confirm-email/" in response.url
    assert len(mail.outbox) == 1
    assert "confirm" in (mail.outbox[0].subject + mail.outbox[0].body).lower()
    # Logging in before confirming the address is refused (mandatory verification).
    response = client.post(
        "/comptes/login/", {"login": "nouvelle@example.org", "password": "une-phrase-secrete-longue"}
    )
    assert "_auth_user_id" not in client.session


def test_signup_errors_are_french_and_keep_the_email(client):
    response = client.post(
        "/comptes/signup/",
        {
            "full_name": "Camille Martin",
            "email": "camille@example.org",
            "password1": "court",
            "password2": "autre",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert 'value="camille@example.org"' in content
    assert "field-error" in content
    assert 'aria-invalid="true"' in content
    assert not User.objects.filter(email="camille@example.org").exists()


def test_password_reset_sends_a_french_email(client, django_capture_on_commit_callbacks):
    factories.UserFactory(email="oubli@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/comptes/password/reset/", {"email": "oubli@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "mot de passe" in mail.outbox[0].body.lower()


def test_login_is_rate_limited(client):
    factories.UserFactory(email="cible@example.org")
    for _ in range(5):
        client.post("/comptes/login/", {"login": "cible@example.org", "password": "faux"})
    response = client.post("/comptes/login/", {"login": "cible@example.org", "password": factories.PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)


def test_user_manager_lowercases_email_and_has_no_username():
    user = User.objects.create_user(email="Dupont@Example.ORG", password="x" * 12)
    assert user.email == "dupont@example.org"
    assert not hasattr(user, "username") or user.username is None


def test_ccas_group_gets_app_permissions_but_not_superuser_ones():
    from solidaire.accounts.roles import sync_ccas_group

    group = sync_ccas_group()
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"change_association", "change_membership", "change_infopage", "view_user"} <= codenames
    assert "delete_user" not in codenames
    assert "add_group" not in codenames


def test_signup_asks_a_name_used_in_emails(client):
    page = client.get("/comptes/signup/").content.decode()
    assert 'name="full_name"' in page and "Prénom et nom" in page
    missing = client.post(
        "/comptes/signup/",
        {
            "email": "sans-nom@example.org",
            "password1": "une-phrase-secrete-longue",
            "password2": "une-phrase-secrete-longue",
        },
    )
    assert "Indiquez votre prénom et votre nom." in missing.content.decode()
    client.post(
        "/comptes/signup/",
        {
            "full_name": "  Marie   Durand ",
            "email": "marie@example.org",
            "password1": "une-phrase-secrete-longue",
            "password2": "une-phrase-secrete-longue",
        },
    )
    user = User.objects.get(email="marie@example.org")
    assert user.full_name == "Marie Durand"
    assert user.get_full_name() == "Marie Durand"
