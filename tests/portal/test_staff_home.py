"""The staff home gathers what waits for the CCAS, with counts and ages; the admin index too."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from associations.structures.models import ChangeProposal
from indicators.catalogue import selectors as catalogue_selectors
from solidaire.core.text.french import format_age
from tests import factories
from tests.indicators.factories import CampaignFactory, SheetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(association, member_of):
    """Two requests (one to a structure without admin), one card change, a signature, a submitted sheet."""
    orphan = factories.AssociationFactory()
    factories.MembershipFactory(association=orphan)  # nobody to answer but the CCAS
    member_of(association, role="admin")
    factories.MembershipFactory(association=association)  # its admin answers it
    ChangeProposal.objects.create(association=association, kind="card", payload={"phone": "02 43 00 00 00"})
    factories.SignatureFactory(association=association, status="requested", signed_on=None)
    sheet = SheetFactory(association=association, campaign=CampaignFactory(year=2026), status="submitted")
    sheet.submitted_at = timezone.now() - dt.timedelta(days=3)
    sheet.save()


def test_staff_home_lists_counts_and_ages(client, staff_user, waiting, django_assert_max_num_queries):
    client.force_login(staff_user)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("portal:staff_home"))
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "Demandes d'adhésion à une structure sans administrateur·rice" in html
    assert "Modifications de fiches à modérer" in html
    assert "Signatures de la charte à valider" in html
    assert "Fiches d'indicateurs à relire" in html
    assert "depuis 3\u00a0jours" in html
    counts = [line.count for section in response.context["sections"].values() for line in section]
    assert sum(counts) == 4  # the request answered by the structure's admin is not the CCAS's work


def test_staff_home_counts_late_structures(client, staff_user, association, monkeypatch):
    CampaignFactory(year=2025, opens_on=dt.date(2025, 10, 1), closes_on=dt.date(2026, 1, 31))
    monkeypatch.setattr(catalogue_selectors, "today", lambda: dt.date(2026, 3, 1))
    client.force_login(staff_user)
    response = client.get(reverse("portal:staff_home"))
    lines = {line.label: line.count for s in response.context["sections"].values() for line in s}
    assert lines["Structures en retard pour la campagne 2025"] == 1


def test_staff_home_is_for_staff_only(client, user):
    client.force_login(user)
    assert client.get(reverse("portal:staff_home")).status_code == 403


def test_account_page_links_staff_to_their_home(client, staff_user):
    client.force_login(staff_user)
    assert reverse("portal:staff_home") in client.get(reverse("portal:account")).content.decode()


def test_admin_index_shows_the_same_counts(client, staff_user, waiting):
    staff_user.is_staff = True
    staff_user.save()
    client.force_login(staff_user)
    html = unescape(client.get(reverse("admin:index")).content.decode())
    assert "Signatures de la charte à valider" in html
    assert "Fiches d'indicateurs à relire" in html


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (0, "depuis aujourd'hui"),
        (1, "depuis hier"),
        (5, "depuis 5\u00a0jours"),
        (30, "depuis 4\u00a0semaines"),
    ],
)
def test_ages_read_in_french(days, expected):
    now = timezone.now()
    assert format_age(now - dt.timedelta(days=days), now) == expected


def test_staff_home_runs_the_same_queries_for_few_or_many_items(
    client, staff_user, waiting, django_assert_max_num_queries
):
    client.force_login(staff_user)
    client.get(reverse("portal:staff_home"))  # warm the session and the group check
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("portal:staff_home"))
    for _ in range(15):
        association = factories.AssociationFactory()
        factories.MembershipFactory(association=association)
        ChangeProposal.objects.create(
            association=association, kind="card", payload={"phone": "02 43 00 00 03"}
        )
        factories.SignatureFactory(association=association, status="requested", signed_on=None)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("portal:staff_home"))
    counts = {line.label: line.count for s in response.context["sections"].values() for line in s}
    assert counts["Signatures de la charte à valider"] == 16
