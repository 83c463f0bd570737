"""The senders pass absolute links: what reaches the mailbox of staff and of the structures
(events, error reports on a card) can be clicked."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.sites.models import Site
from django.core import mail
from django.utils import timezone

from events.participation import services as participation_services
from events.proposals import services as proposal_services
from tests import factories
from tests.events.factories import EventProposalFactory

pytestmark = pytest.mark.django_db
ROOT = "https://lemans-solidaire.example.org"


@pytest.fixture(autouse=True)
def _site():
    Site.objects.filter(pk=1).update(domain="lemans-solidaire.example.org")
    Site.objects.clear_cache()
    yield
    Site.objects.clear_cache()


def test_participation_and_proposal_mails_link_to_the_pages_to_act_on(
    member_of, staff_user, django_capture_on_commit_callbacks
):
    structure = factories.AssociationFactory(name="Manou Partages", email="manou@example.org")
    member = member_of(structure)
    edition = factories.EditionFactory(
        participation_open=True, participation_deadline=timezone.localdate() + dt.timedelta(days=5)
    )
    with django_capture_on_commit_callbacks(execute=True):
        participation_services.participation_apply(
            user=member, edition=edition, association=structure, offer="Un stand.", people=2
        )
    assert f"{ROOT}/evenements/gestion/participations/" in mail.outbox[-1].body

    proposal = EventProposalFactory(association=structure, proposed_by=member, status="submitted")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        proposal_services.proposal_refuse(proposal=proposal, by=staff_user, message="Hors champ.")
    assert f"{ROOT}/evenements/mes-propositions/" in mail.outbox[-1].body


def test_an_error_report_links_to_the_card_and_the_page_says_who_reads_it(
    client, member_of, django_capture_on_commit_callbacks
):
    alone = factories.AssociationFactory(name="Épicerie du Cœur")
    page = client.get(f"/annuaire/{alone.slug}/signaler/").content.decode()
    assert "pas encore d&#x27;administrateur·rice sur le portail" in page
    data = {"topic": "hours", "message": "Fermé le lundi, l'été.", "email": ""}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/annuaire/{alone.slug}/signaler/", data, follow=True)
    assert "transmis au CCAS, qui prévient la structure" in response.content.decode()
    (sent,) = mail.outbox
    assert f"La fiche : {ROOT}/annuaire/{alone.slug}/" in sent.body
    assert "Fermé le lundi, l'été." in sent.body  # a text e-mail, not HTML-escaped

    mail.outbox.clear()
    admin = member_of(alone, role="admin")
    page = client.get(f"/annuaire/{alone.slug}/signaler/").content.decode()
    assert "au CCAS et aux administrateur·rices de la structure" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/annuaire/{alone.slug}/signaler/", {**data, "message": "Autre chose."})
    assert admin.email in {address for m in mail.outbox for address in m.to}
