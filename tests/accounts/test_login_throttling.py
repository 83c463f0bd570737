"""Both doors where a password is checked (/comptes/login/ and /gestion/login/) share one limit
and one French message: no unlimited guessing of a staff password through the admin."""

from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

LIMITED = "Trop de tentatives de connexion échouées"


@pytest.fixture
def staff(db):
    return factories.StaffUserFactory(email="agent@example.org")


def _admin_login(client, password):
    return client.post(
        "/gestion/login/?next=/gestion/", {"username": "agent@example.org", "password": password}
    )


def _portal_login(client, password):
    return client.post("/comptes/login/", {"login": "agent@example.org", "password": password})


def test_admin_login_still_works_with_the_right_password(client, staff):
    response = _admin_login(client, factories.PASSWORD)
    assert response.status_code == 302 and response.url == "/gestion/"
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_admin_login_refuses_after_repeated_failures_even_the_right_password(client, staff):
    statuses = [_admin_login(client, f"mauvais-{i}").status_code for i in range(30)]
    assert set(statuses) == {200}  # the form again, never a 500
    response = _admin_login(client, factories.PASSWORD)
    assert "_auth_user_id" not in client.session
    assert LIMITED in response.content.decode()


@pytest.mark.parametrize(
    ("first_door", "second_door"),
    [(_portal_login, _admin_login), (_admin_login, _portal_login)],
    ids=["portal-then-admin", "admin-then-portal"],
)
def test_the_two_doors_share_the_same_limit_and_message(client, staff, first_door, second_door):
    for i in range(5):
        first_door(client, f"mauvais-{i}")
    response = second_door(client, factories.PASSWORD)
    assert "_auth_user_id" not in client.session
    assert LIMITED in response.content.decode()
