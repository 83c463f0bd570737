"""Changes to structures, services, memberships, signatures and information pages are kept
(who, when, what) and readable, not editable, in the admin."""

from __future__ import annotations

import pytest

from solidaire.core.pages.models import InfoPage
from tests import factories
from tests.associations.selfservice.test_selfservice import CARD, moderation

pytestmark = pytest.mark.django_db


def test_a_card_edit_is_recorded_with_its_author(client, association, member_of, staff_user):
    moderation(False)
    member = member_of(association)
    old_name = association.name
    client.force_login(member)
    assert client.post(f"/annuaire/{association.slug}/espace/fiche/", CARD).status_code == 302
    latest = association.history.latest()
    assert latest.history_user == member and latest.history_type == "~"
    changes = {c.field: (c.old, c.new) for c in latest.diff_against(latest.prev_record).changes}
    assert changes["name"] == (old_name, "Épicerie des Sablons")

    client.force_login(staff_user)
    listing = client.get("/gestion/history/historicalassociation/")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "Épicerie des Sablons" in page and str(member) in page
    detail = client.get(f"/gestion/history/historicalassociation/{latest.history_id}/change/")
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()  # read-only


def test_every_tracked_record_keeps_its_history():
    association = factories.AssociationFactory()
    membership = factories.MembershipFactory(association=association)
    signature = factories.SignatureFactory(association=association)
    page = InfoPage.objects.create(slug="presentation", title="Présentation", body="Le réseau")
    service = factories.DirectoryServiceFactory(association=association)
    for record in (association, membership, signature, page, service):
        assert record.history.count() == 1, record
    page.title = "Le réseau"
    page.save()
    membership_pk = membership.pk
    membership.delete()
    assert [h.history_type for h in page.history.all()] == ["~", "+"]
    assert membership.history.model.objects.filter(id=membership_pk, history_type="-").exists()


def test_history_is_read_only_for_staff(client, staff_user):
    InfoPage.objects.create(slug="mentions", title="Mentions légales", body="…")
    client.force_login(staff_user)
    assert client.get("/gestion/history/historicalinfopage/").status_code == 200
    assert client.get("/gestion/history/historicalinfopage/add/").status_code == 403
