"""No lockout for everyone (issue 18): failed logins are limited per client address and per
address + account, so failures from one address never stop the right password from another,
on the portal (/comptes/login/) and on the admin (/gestion/login/) alike; credential stuffing
from one address across accounts is limited too."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tests import factories

pytestmark = pytest.mark.django_db

LIMITED = "Trop de tentatives de connexion échouées"
ATTACKER, OWNER = "203.0.113.7", "198.51.100.20"


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def _portal(client, email, password, ip):
    return client.post("/comptes/login/", {"login": email, "password": password}, REMOTE_ADDR=ip)


def _admin(client, email, password, ip):
    return client.post(
        "/gestion/login/?next=/gestion/", {"username": email, "password": password}, REMOTE_ADDR=ip
    )


DOORS = pytest.mark.parametrize("door", [_portal, _admin], ids=["portal", "admin"])


@DOORS
def test_twenty_failures_from_one_address_never_stop_the_owner_elsewhere(client, door):
    staff = factories.StaffUserFactory(email="agent@example.org")
    for i in range(20):
        assert door(client, staff.email, f"mauvais-{i}", ATTACKER).status_code == 200
    # The attacker's address is stopped, even with the right password…
    response = door(client, staff.email, factories.PASSWORD, ATTACKER)
    assert LIMITED in response.content.decode()
    assert "_auth_user_id" not in client.session
    # …the owner, from their own address, signs in.
    response = door(client, staff.email, factories.PASSWORD, OWNER)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


@DOORS
def test_guessing_one_accounts_password_from_one_address_is_limited(client, door):
    staff = factories.StaffUserFactory(email="agent@example.org")
    for i in range(5):
        door(client, staff.email, f"mauvais-{i}", ATTACKER)
    assert LIMITED in door(client, staff.email, "mauvais-5", ATTACKER).content.decode()


@DOORS
def test_credential_stuffing_across_accounts_from_one_address_is_limited(client, door):
    users = [factories.StaffUserFactory(email=f"agent{i}@example.org") for i in range(21)]
    for user in users[:20]:  # one try per account: each account's own bucket stays low
        assert LIMITED not in door(client, user.email, "motdepasse-vole", ATTACKER).content.decode()
    response = door(client, users[20].email, factories.PASSWORD, ATTACKER)
    assert LIMITED in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address is not concerned.
    assert door(client, users[20].email, factories.PASSWORD, OWNER).status_code == 302


def test_the_portal_and_the_admin_share_the_address_and_account_bucket(client):
    staff = factories.StaffUserFactory(email="agent@example.org")
    for i in range(5):
        _portal(client, staff.email, f"mauvais-{i}", ATTACKER)
    assert LIMITED in _admin(client, staff.email, factories.PASSWORD, ATTACKER).content.decode()
    assert _admin(client, staff.email, factories.PASSWORD, OWNER).status_code == 302
