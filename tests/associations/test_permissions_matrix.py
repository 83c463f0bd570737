"""Who may see and change a structure's private data: the matrix of roles × pages."""

from __future__ import annotations

import pytest
from django.core import mail

from associations.structures.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_structures(member_of):
    a = factories.AssociationFactory(name="Association A", slug="association-a")
    b = factories.AssociationFactory(name="Association B", slug="association-b")
    request_b = factories.MembershipFactory(association=b, status="requested")
    return {
        "a": a,
        "b": b,
        "request_b": request_b,
        "admin_a": member_of(a, role="admin"),
        "member_a": member_of(a, role="member"),
        "admin_b": member_of(b, role="admin"),
    }


def _decide_url(structure, membership):
    return f"/annuaire/{structure.slug}/espace/adhesions/{membership.pk}/"


@pytest.mark.parametrize("who", ["admin_a", "member_a"])
def test_member_of_a_can_never_read_b_private_area(client, two_structures, who):
    client.force_login(two_structures[who])
    assert client.get("/annuaire/association-a/espace/").status_code == 200
    response = client.get("/annuaire/association-b/espace/")
    assert response.status_code == 403
    assert two_structures["request_b"].user.email not in response.content.decode()


@pytest.mark.parametrize("who", ["admin_a", "member_a"])
def test_member_of_a_can_never_decide_on_b_requests(client, two_structures, who):
    client.force_login(two_structures[who])
    request_b = two_structures["request_b"]
    response = client.post(
        _decide_url(two_structures["b"], request_b), {"decision": "approve", "role": "admin"}
    )
    assert response.status_code == 403
    request_b.refresh_from_db()
    assert request_b.status == "requested"


def test_cannot_decide_b_request_through_a_url(client, two_structures):
    """The membership is looked up within the structure of the URL: no cross-structure id."""
    client.force_login(two_structures["admin_a"])
    response = client.post(
        _decide_url(two_structures["a"], two_structures["request_b"]),
        {"decision": "approve", "role": "member"},
    )
    assert response.status_code == 404
    assert Membership.objects.get(pk=two_structures["request_b"].pk).status == "requested"


def test_plain_member_cannot_decide_even_in_own_structure(client, two_structures):
    request_a = factories.MembershipFactory(association=two_structures["a"])
    client.force_login(two_structures["member_a"])
    response = client.post(
        _decide_url(two_structures["a"], request_a), {"decision": "approve", "role": "member"}
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    "url", ["/annuaire/association-b/espace/", "/indicateurs/", "/observatoire/rapports/", "/mon-espace/"]
)
def test_anonymous_is_sent_to_login(client, two_structures, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/comptes/login/?next=")


def test_anonymous_cannot_post_a_decision(client, two_structures):
    response = client.post(
        _decide_url(two_structures["b"], two_structures["request_b"]),
        {"decision": "approve", "role": "member"},
    )
    assert response.status_code == 302
    assert Membership.objects.get(pk=two_structures["request_b"].pk).status == "requested"


def test_staff_can_read_and_decide_for_any_structure(client, two_structures, staff_user):
    client.force_login(staff_user)
    assert client.get("/annuaire/association-b/espace/").status_code == 200
    assert client.get("/observatoire/").status_code == 200
    response = client.post(
        _decide_url(two_structures["b"], two_structures["request_b"]),
        {"decision": "approve", "role": "member"},
        follow=True,
    )
    assert response.status_code == 200
    assert Membership.objects.get(pk=two_structures["request_b"].pk).status == "approved"


def test_non_staff_cannot_open_observatoire_or_admin(client, two_structures):
    client.force_login(two_structures["admin_a"])
    assert client.get("/observatoire/rapports/").status_code == 403  # /observatoire/ itself is public
    assert client.get("/gestion/").status_code == 302  # admin login page, not the admin


def test_ccas_staff_reach_the_admin_without_being_superusers(client, staff_user):
    client.force_login(staff_user)
    assert not staff_user.is_superuser
    assert client.get("/gestion/associations/association/").status_code == 200
    assert client.get("/gestion/accounts/user/").status_code == 200
    # ...but cannot hand out superuser rights to anyone (themselves included).
    page = client.get(f"/gestion/accounts/user/{staff_user.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page


def test_admin_of_b_approves_request_and_person_is_emailed(
    client, two_structures, django_capture_on_commit_callbacks
):
    client.force_login(two_structures["admin_b"])
    request_b = two_structures["request_b"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _decide_url(two_structures["b"], request_b), {"decision": "approve", "role": "admin"}
        )
    assert response.status_code == 302
    request_b.refresh_from_db()
    assert (request_b.status, request_b.role) == ("approved", "admin")
    assert request_b.decided_by == two_structures["admin_b"]
    assert mail.outbox[-1].to == [request_b.user.email]
    assert "acceptée" in mail.outbox[-1].subject


def test_reject_needs_a_reason(client, two_structures):
    client.force_login(two_structures["admin_b"])
    request_b = two_structures["request_b"]
    response = client.post(
        _decide_url(two_structures["b"], request_b),
        {"decision": "reject", "role": "member", "reason": "  "},
        follow=True,
    )
    assert "Indiquez le motif du refus." in response.content.decode()
    request_b.refresh_from_db()
    assert request_b.status == "requested"
