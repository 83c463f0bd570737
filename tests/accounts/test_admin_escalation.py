"""CCAS staff use the admin without being superusers: they must not be able to become one."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress

from solidaire.accounts.models import User
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("root@example.org", "un-mot-de-passe-solide")


def _user_form(user, **changes):
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "is_active": "on",
        "date_joined_0": "01/01/2025",
        "date_joined_1": "10:00:00",
        "initial-date_joined_0": "01/01/2025",
        "initial-date_joined_1": "10:00:00",
    }
    data.update(changes)
    return data


def test_staff_cannot_reset_a_superusers_password(client, staff_user, superuser):
    client.force_login(staff_user)
    response = client.post(
        f"/gestion/accounts/user/{superuser.pk}/password/",
        {"password1": "pris-par-un-agent-42", "password2": "pris-par-un-agent-42", "usable_password": "true"},
    )
    assert response.status_code == 403
    superuser.refresh_from_db()
    assert not superuser.check_password("pris-par-un-agent-42")


@pytest.mark.parametrize("target", ["superuser", "colleague"])
def test_staff_cannot_change_the_email_of_admin_accounts(client, staff_user, superuser, target):
    """A new e-mail then a password reset would hand over the account and its rights."""
    victim = superuser if target == "superuser" else factories.StaffUserFactory()
    client.force_login(staff_user)
    response = client.post(
        f"/gestion/accounts/user/{victim.pk}/change/", _user_form(victim, email="agent@example.org")
    )
    assert response.status_code == 403
    victim.refresh_from_db()
    assert victim.email != "agent@example.org"


def test_staff_cannot_redirect_a_superusers_email_address(client, staff_user, superuser):
    address = EmailAddress.objects.create(user=superuser, email=superuser.email, verified=True, primary=True)
    client.force_login(staff_user)
    response = client.post(
        f"/gestion/account/emailaddress/{address.pk}/change/",
        {"user": superuser.pk, "email": "agent@example.org", "verified": "on", "primary": "on"},
    )
    assert response.status_code == 403
    address.refresh_from_db()
    assert address.email == superuser.email


def test_staff_cannot_move_an_address_to_another_account(client, staff_user):
    public = factories.UserFactory()
    address = EmailAddress.objects.get(user=public)
    client.force_login(staff_user)
    client.post(
        f"/gestion/account/emailaddress/{address.pk}/change/",
        {"user": staff_user.pk, "email": address.email, "verified": "on", "primary": "on"},
    )
    address.refresh_from_db()
    assert address.user == public


def test_staff_cannot_grant_admin_access(client, staff_user):
    public = factories.UserFactory()
    client.force_login(staff_user)
    page = client.get(f"/gestion/accounts/user/{public.pk}/change/").content.decode()
    assert 'name="is_staff"' not in page
    client.post(f"/gestion/accounts/user/{public.pk}/change/", _user_form(public, is_staff="on"))
    public.refresh_from_db()
    assert not public.is_staff


def test_staff_still_help_the_public(client, staff_user):
    """What the role is for: fix a typo in someone's address, deactivate an account."""
    public = factories.UserFactory(email="typo@exmaple.org")
    client.force_login(staff_user)
    data = _user_form(public, email="typo@example.org")
    data.pop("is_active")
    response = client.post(f"/gestion/accounts/user/{public.pk}/change/", data)
    assert response.status_code == 302
    public.refresh_from_db()
    assert (public.email, public.is_active) == ("typo@example.org", False)


def test_superuser_keeps_full_control(client, superuser):
    colleague = factories.StaffUserFactory()
    client.force_login(superuser)
    response = client.post(
        f"/gestion/accounts/user/{colleague.pk}/password/",
        {
            "password1": "nouveau-mot-de-passe-42",
            "password2": "nouveau-mot-de-passe-42",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.check_password("nouveau-mot-de-passe-42")
