"""Members: change a role, remove a member, leave; never lose the last admin without the CCAS;
a pending request is not offered again; the requester is told who receives the request."""

from __future__ import annotations

import html

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from associations.structures import services
from associations.structures.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def membership(user, association) -> Membership:
    return Membership.objects.get(user=user, association=association)


def test_admin_changes_a_role_and_removes_a_member(
    client, association, member_of, django_capture_on_commit_callbacks
):
    admin = member_of(association, role="admin")
    member = member_of(association)
    client.force_login(admin)
    role_url = reverse(
        "associations:membership_role",
        kwargs={"slug": association.slug, "pk": membership(member, association).pk},
    )
    client.post(role_url, {"role": "admin"})
    assert membership(member, association).role == "admin"
    remove_url = reverse(
        "associations:membership_remove",
        kwargs={"slug": association.slug, "pk": membership(member, association).pk},
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(remove_url, follow=True)
    assert "ne fait plus partie de la structure" in text(response)
    assert not Membership.objects.filter(user=member, association=association).exists()
    assert mail.outbox[-1].to == [member.email]


def test_a_member_leaves(client, association, member_of):
    member_of(association, role="admin")
    member = member_of(association)
    client.force_login(member)
    response = client.post(
        reverse("associations:membership_leave", kwargs={"slug": association.slug}), follow=True
    )
    assert f"Vous ne faites plus partie d'{association.name}" in text(response)  # « Association solidaire … »
    assert not Membership.objects.filter(user=member, association=association).exists()


def test_the_last_admin_cannot_leave_nor_be_demoted(client, association, member_of):
    admin = member_of(association, role="admin")
    client.force_login(admin)
    response = client.post(
        reverse("associations:membership_leave", kwargs={"slug": association.slug}), follow=True
    )
    assert "doit garder au moins un·e administrateur·rice" in text(response)
    assert membership(admin, association).role == "admin"
    with pytest.raises(ValidationError):
        services.membership_change_role(membership=membership(admin, association), role="member", by=admin)
    assert membership(admin, association).role == "admin"


def test_ccas_staff_may_remove_the_last_admin(association, member_of, staff_user):
    admin = member_of(association, role="admin")
    services.membership_remove(membership=membership(admin, association), by=staff_user)
    assert not Membership.objects.filter(association=association).exists()


def test_a_pending_request_is_not_offered_again(client, association, user):
    factories.MembershipFactory(user=user, association=association, status="requested")
    client.force_login(user)
    detail = text(client.get(association.get_absolute_url()))
    assert "est en attente de réponse" in detail
    assert reverse("associations:membership_request", kwargs={"slug": association.slug}) not in detail
    page = text(client.get(reverse("associations:membership_request", kwargs={"slug": association.slug})))
    assert "inutile de la renvoyer" in page and "Envoyer ma demande" not in page


def test_requester_is_told_the_ccas_receives_it_when_no_admin(
    client, association, user, settings, django_capture_on_commit_callbacks
):
    client.force_login(user)
    url = reverse("associations:membership_request", kwargs={"slug": association.slug})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"message": "Je suis bénévole."}, follow=True)
    assert "envoyée au CCAS" in text(response)
    assert mail.outbox[-1].to == [settings.CCAS_CONTACT_EMAIL]
    member_area = reverse("associations:member_area", kwargs={"slug": association.slug})
    assert f"://{settings.SITE_DOMAIN}{member_area}" in mail.outbox[-1].body  # an absolute link to act on it


def test_requester_is_told_the_admins_receive_it(client, association, user, member_of):
    member_of(association, role="admin")
    client.force_login(user)
    url = reverse("associations:membership_request", kwargs={"slug": association.slug})
    response = client.post(url, {"message": ""}, follow=True)
    assert "envoyée aux administrateurs de la structure" in text(response)
