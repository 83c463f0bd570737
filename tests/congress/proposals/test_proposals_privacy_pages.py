"""Public pages, proposals and the cahier, personal data (download, erase, anonymisation)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from congress.editions.models import Session, SessionKind
from congress.privacy import services as privacy
from congress.privacy.tasks import anonymise_registrations
from congress.proposals import services as proposals
from congress.proposals.models import Proposal, ProposalStatus
from congress.registrations import services as registration_services
from congress.registrations.models import Booking, Registration, RegistrationStatus
from tests import factories

from .factories import programme, register

pytestmark = pytest.mark.django_db


def _confirmed(p, *sessions, **kwargs):
    return registration_services.registration_confirm(registration=register(p, *sessions, **kwargs))


def test_congress_page_shows_the_next_edition_with_registration_open(client):
    factories.CongressEditionFactory(year=2024, starts_on=dt.date(2024, 2, 2), ends_on=dt.date(2024, 2, 3))
    p = programme()
    page = client.get(reverse("congress:index")).content.decode()
    assert "Prochaine édition" in page and p["edition"].title in page
    assert "Le congrès se tiendra" in page
    assert reverse("congress:register", args=[p["edition"].year]) in page
    assert "Ouverture" in page  # the programme


def test_without_a_next_edition_the_last_one_is_told_in_the_past_tense(client):
    past = factories.CongressEditionFactory(
        year=2024,
        starts_on=dt.date(2024, 2, 2),
        ends_on=dt.date(2024, 2, 3),
        outcome="Un cahier remis aux parlementaires.",
        cahier_published_at=timezone.now(),
    )
    page = client.get(reverse("congress:index")).content.decode()
    assert "Dernière édition" in page and "s&#x27;est tenu" in page.replace("'", "&#x27;")
    assert "Cette édition est terminée" in page
    assert "Un cahier remis aux parlementaires." in page
    assert reverse("congress:cahier", args=[past.year]) in page
    assert "S&#x27;inscrire" not in page and "S'inscrire" not in page


def test_a_confirmed_attendee_proposes_and_a_facilitator_merges_and_keeps(client):
    p = programme()
    attendee = _confirmed(p)
    facilitator = factories.UserFactory()
    p["w1"].facilitators.add(facilitator)
    response = client.post(
        reverse("congress:proposal_submit", args=[attendee.token]),
        {"theme": p["theme"].pk, "title": "Un référent unique", "body": "Pour chaque personne."},
    )
    assert response.status_code == 302
    first = Proposal.objects.get()
    assert first.author_name == f"{attendee.first_name} {attendee.last_name}"
    second = proposals.proposal_submit(
        theme=p["theme"], title="Suivi", body="Sans rupture.", user=facilitator
    )

    client.force_login(facilitator)
    page = client.get(reverse("congress:proposals", args=[p["edition"].year])).content.decode()
    assert "Un référent unique" in page and "Suivi" in page
    client.post(reverse("congress:proposal_edit", args=[second.pk]), {"action": "merge", "into": first.pk})
    first.refresh_from_db()
    client.post(
        reverse("congress:proposal_edit", args=[first.pk]),
        {
            "action": "edit",
            "title": "Un référent unique",
            "body": first.body,
            "group_label": "Parcours",
            "status": "kept",
        },
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.status == ProposalStatus.MERGED and second.merged_into == first
    assert first.status == ProposalStatus.KEPT and "Sans rupture." in first.body


def test_who_may_propose_and_tend_proposals():
    p = programme()
    pending = register(p)
    stranger = factories.UserFactory()
    with pytest.raises(PermissionDenied):
        proposals.proposal_submit(theme=p["theme"], title="x", body="y", registration=pending)
    with pytest.raises(PermissionDenied):
        proposals.proposal_submit(theme=p["theme"], title="x", body="y", user=stranger)
    proposal = proposals.proposal_submit(theme=p["theme"], title="x", body="y", registration=_confirmed(p))
    with pytest.raises(PermissionDenied):
        proposals.proposal_edit(
            proposal=proposal, by=stranger, title="z", body="z", group_label="", status="kept"
        )


def test_the_cahier_is_public_once_published(client, staff_user, django_capture_on_commit_callbacks):
    from tests.charter.test_pdf import _text, _weasyprint_loads
    from tests.conftest import require_service

    require_service(_weasyprint_loads(), "WeasyPrint cannot load pango")
    p = programme()
    url = reverse("congress:cahier", args=[p["edition"].year])
    assert client.get(url).status_code in (302, 403)  # not published: staff only
    with pytest.raises(ValidationError, match="Aucune proposition"):
        proposals.cahier_publish(edition=p["edition"], by=staff_user)
    Proposal.objects.create(
        theme=p["theme"], title="Un référent unique", body="Texte.", status=ProposalStatus.KEPT
    )
    Proposal.objects.create(theme=p["theme"], title="Écartée", body="Non.", status=ProposalStatus.SET_ASIDE)
    with django_capture_on_commit_callbacks(execute=True):
        proposals.cahier_publish(edition=p["edition"], by=staff_user)
    response = client.get(url)
    assert response.status_code == 200
    data = b"".join(response.streaming_content) if response.streaming else response.content
    import pathlib
    import tempfile

    text = _text(data, pathlib.Path(tempfile.mkdtemp()))
    assert "Cahier des propositions" in text and "Un référent unique" in text and "Écartée" not in text
    assert url in client.get(p["edition"].get_absolute_url()).content.decode()


def test_public_list_shows_only_consenting_confirmed_attendees(client):
    p = programme()
    _confirmed(p, last_name="Visible", consent_public_list=True)
    _confirmed(p, last_name="Discret")
    register(p, last_name="Pasconfirme", consent_public_list=True)
    page = client.get(reverse("congress:participants", args=[p["edition"].year])).content.decode()
    assert "Visible" in page and "Discret" not in page and "Pasconfirme" not in page


def test_erase_cancels_frees_places_and_kills_the_link(client):
    p = programme(workshop_capacity=1)
    registration = _confirmed(p, p["w1"], last_name="Aeffacer")
    waiting = register(p, p["w1"])
    response = client.post(reverse("congress:registration_erase", args=[registration.token]))
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED and registration.anonymised_at
    assert registration.last_name == "" and registration.email == ""
    assert Booking.objects.get(registration=waiting, session=p["w1"]).status == "offered"
    old = reverse("congress:registration_data", args=[registration.token])
    assert client.get(old).status_code == 404  # the token changed too


def test_registrations_are_anonymised_twelve_months_after_the_edition(settings):
    p = programme()
    registration = _confirmed(p, p["w1"], p["lunch1"], organisation_kind="ccas", country="Belgique")
    edition = p["edition"]
    settings.CONGRESS_ANONYMISE_AFTER_DAYS = 365
    assert privacy.registrations_anonymise_due(today=edition.ends_on + dt.timedelta(days=365)) == 0
    from unittest import mock

    with mock.patch("django.utils.timezone.localdate", return_value=edition.ends_on + dt.timedelta(days=366)):
        assert anonymise_registrations.delay().get() == 1
    registration.refresh_from_db()
    assert registration.anonymised_at and registration.last_name == "" and registration.email == ""
    # What statistics need stays.
    assert registration.organisation_kind == "ccas" and registration.country == "Belgique"
    assert registration.status == RegistrationStatus.CONFIRMED
    assert Booking.objects.filter(registration=registration).count() == 2
    assert list(registration.days.all()) == [p["day1"]]
    assert privacy.registrations_anonymise_due(today=edition.ends_on + dt.timedelta(days=400)) == 0


def test_the_expiry_task_runs_the_service():
    from congress.registrations.tasks import expire_registrations

    p = programme()
    registration = register(p)
    Registration.objects.filter(pk=registration.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert expire_registrations.delay().get() == {"expired": 1, "lapsed": 0}
    assert Session.objects.filter(kind=SessionKind.WORKSHOP, places_taken__gt=0).count() == 0


def test_proposals_to_examine_reach_the_staff_to_do_list(staff_user):
    from solidaire.core.worklist import pending_work_for

    p = programme()
    facilitator = factories.UserFactory()
    p["w1"].facilitators.add(facilitator)
    proposals.proposal_submit(theme=p["theme"], title="Idée", body="Texte", user=facilitator)
    lines = [line for line in pending_work_for(staff_user) if line.section == "Congrès"]
    assert [(line.count, line.url) for line in lines] == [
        (1, reverse("congress:proposals", args=[p["edition"].year]))
    ]
    assert [line.count for line in pending_work_for(facilitator) if line.section == "Congrès"] == [1]
    assert [line for line in pending_work_for(factories.UserFactory()) if line.section == "Congrès"] == []
