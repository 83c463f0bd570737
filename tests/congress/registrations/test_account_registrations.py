"""« Mon espace » lists the signed-in person's congress registrations: those made from their
account and those made without one from a verified address of theirs, with the actions of
their private link."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from allauth.account.models import EmailAddress
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from congress.editions.models import CongressEdition
from congress.privacy.services import registration_anonymise
from congress.registrations.models import Registration
from congress.registrations.selectors import registrations_of_user
from congress.registrations.services import registration_cancel, registration_confirm
from tests import factories
from tests.congress.factories import programme, register

pytestmark = pytest.mark.django_db
ACCOUNT = "/mon-espace/"


def _page(client, user) -> str:
    """The page's markup and, after it, its text without tags (the words as read)."""
    client.force_login(user)
    response = client.get(ACCOUNT)
    assert response.status_code == 200
    markup = html.unescape(response.content.decode()).replace("\u00a0", " ")
    return markup + "\n" + " ".join(re.sub(r"<[^>]+>", " ", markup).split())


def _move_to_the_past(edition: CongressEdition, years: int) -> None:
    year = timezone.localdate().year - years
    CongressEdition.objects.filter(pk=edition.pk).update(
        starts_on=edition.starts_on.replace(year=year),
        ends_on=edition.ends_on.replace(year=year),
        registration_opens_at=None,
        registration_closes_at=None,
    )


def test_registrations_by_account_and_by_verified_address_with_their_actions(client):
    user = factories.UserFactory(email="claire@example.org")
    EmailAddress.objects.create(user=user, email="travail@example.org", verified=True)
    p = programme()
    by_account = register(p, p["w1"], user=user, email="travail@example.org")
    registration_confirm(registration=by_account)
    other = programme()
    by_address = register(other, other["w4"], days=[other["day2"]], email="Claire@Example.org")

    page = _page(client, user)

    assert "Mes inscriptions au congrès" in page
    assert p["edition"].title in page and other["edition"].title in page
    assert "du 2 au 3 février" in page  # the edition's dates, the French way
    assert "Inscription : Confirmée" in page and "Inscription : À confirmer" in page
    assert "Atelier insertion" in page and "place réservée" in page
    assert "Atelier « Atelier" not in page and "Atelier «&nbsp;Atelier" not in page  # the kind once
    assert "Atelier du samedi" in page
    for token in (by_account.token, by_address.token):
        assert f"/congres/inscription/{token}/" in page
        assert reverse("congress:registration_edit", args=[token]) in page
        assert reverse("congress:registration_cancel", args=[token]) in page
        assert reverse("congress:registration_data", args=[token]) in page
    # Only the registration waiting for its address to be confirmed offers to confirm it.
    assert reverse("congress:registration_confirm", args=[by_address.token]) in page
    assert reverse("congress:registration_confirm", args=[by_account.token]) not in page
    # The confirmed one offers its own calendar file and badge; the other the public calendar.
    assert reverse("congress:registration_calendar", args=[by_account.token]) in page
    assert reverse("congress:registration_badge", args=[by_account.token]) in page
    assert reverse("congress:registration_badge", args=[by_address.token]) not in page
    assert reverse("congress:edition_calendar", args=[other["edition"].year]) in page


def test_not_another_persons_nor_an_unverified_address(client):
    user = factories.UserFactory(email="claire@example.org")
    EmailAddress.objects.create(user=user, email="pas-verifiee@example.org", verified=False)
    p = programme()
    register(p, email="autre@example.org", last_name="Autre")
    register(p, email="pas-verifiee@example.org", last_name="Nonverifiee")
    # Made from this very account, for an address it has not verified: not its own either.
    register(p, email="collegue@example.org", user=user, last_name="Collegue")

    page = _page(client, user)

    assert p["edition"].title not in page
    assert "Aucune inscription au Congrès national des Solidarités" in page
    assert registrations_of_user(user=user).current == []
    assert Registration.objects.get(email="collegue@example.org").user is None


def test_a_registration_belongs_to_the_address_owner_not_to_the_account_that_typed_it(client):
    owner = factories.UserFactory(email="claire@example.org")
    typist = factories.UserFactory(email="quelquun@example.org")
    p = programme()
    registration = register(p, email="claire@example.org", user=typist, last_name="Autrecompte")
    # Even a tie left by the former rule gives the typing account nothing.
    Registration.objects.filter(pk=registration.pk).update(user=typist)

    assert registrations_of_user(user=typist).current == []
    assert [i.registration for i in registrations_of_user(user=owner).current] == [registration]


def test_anonymised_registrations_are_not_shown(client):
    user = factories.UserFactory()
    p = programme()
    registration = register(p, user=user, email=user.email)
    registration_anonymise(registration=registration)
    assert Registration.objects.get(pk=registration.pk).user == user  # the link stays…

    assert p["edition"].title not in _page(client, user)  # …but nothing is shown


def test_statuses_in_plain_french_with_the_waiting_list_position(client):
    user = factories.UserFactory()
    p = programme(workshop_capacity=1)
    register(p, p["w1"])  # takes the only place
    ahead = register(p, p["w1"])  # first on the waiting list
    mine = register(p, p["w1"], user=user, email=user.email)

    assert "Atelier insertion" in _page(client, user)
    assert "liste d'attente, 2e position" in _page(client, user)
    registration_cancel(registration=ahead)
    assert "liste d'attente, 1re position" in _page(client, user)

    registration_cancel(registration=mine)
    page = _page(client, user)
    assert "Inscription : Annulée" in page and "liste d'attente" not in page
    assert reverse("congress:registration_cancel", args=[mine.token]) not in page
    assert reverse("congress:registration_edit", args=[mine.token]) not in page

    lapsed = register(programme(), user=user, email=user.email)
    Registration.objects.filter(pk=lapsed.pk).update(expires_at=lapsed.expires_at - dt.timedelta(days=30))
    page = _page(client, user)
    assert "Inscription : Expirée" in page
    assert reverse("congress:registration_confirm", args=[lapsed.token]) not in page


def test_past_editions_come_below_the_current_ones_folded(client):
    user = factories.UserFactory()
    old, older, current = programme(), programme(), programme()
    for p in (old, older, current):
        register(p, user=user, email=user.email)
    _move_to_the_past(old["edition"], years=2)
    _move_to_the_past(older["edition"], years=5)

    found = registrations_of_user(user=user)
    assert [i.registration.edition for i in found.current] == [current["edition"]]
    assert [i.registration.edition.pk for i in found.past] == [old["edition"].pk, older["edition"].pk]
    assert not any(i.can_cancel or i.can_change for i in found.past)

    page = _page(client, user)
    folded = page.index("Inscriptions aux éditions passées (2)")
    assert page.index(current["edition"].title) < folded < page.index(old["edition"].title)
    assert page.index(old["edition"].title) < page.index(older["edition"].title)


def _registrations(user, count: int) -> None:
    for _ in range(count):
        p = programme()
        registration = register(p, p["w1"], p["lunch1"], user=user, email=user.email)
        registration_confirm(registration=registration)


@pytest.mark.parametrize("count", [1, 5])
def test_the_selector_takes_two_queries_whatever_the_number(count, django_assert_max_num_queries):
    user = factories.UserFactory()
    _registrations(user, count)
    with django_assert_max_num_queries(2):
        found = registrations_of_user(user=user)
        assert sum(len(item.bookings) for item in found.current) == 2 * count


def test_the_page_runs_as_many_queries_for_one_registration_as_for_five(client):
    def queries(user) -> int:
        client.force_login(user)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(ACCOUNT).status_code == 200
        return len(captured)

    one, five = factories.UserFactory(), factories.UserFactory()
    _registrations(one, 1)
    _registrations(five, 5)
    queries(one)  # the footer's pages are cached from then on
    assert queries(five) == queries(one)
