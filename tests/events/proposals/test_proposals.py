"""An association proposes an initiative; CCAS staff publish it, ask for changes or refuse it
with a reason; the proposer follows the state from their space."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from events.calendar.models import Edition
from events.proposals.models import EventProposal
from solidaire.core.worklist import pending_work_for
from tests import factories
from tests.events.factories import EventProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def structure():
    return factories.AssociationFactory(
        name="Manou Partages", slug="manou-partages", email="manou@example.org"
    )


def _when(days: int, hour: int = 14) -> str:
    day = timezone.localdate() + dt.timedelta(days=days)
    return f"{day.isoformat()}T{hour:02d}:00"


def _form(structure, **extra):
    return {
        "association": structure.slug,
        "title": "Fête des voisins du monde",
        "kind": "interculturel",
        "description": "Un **repas partagé** entre voisins de toutes origines.",
        "starts_at": _when(30, 12),
        "ends_at": _when(30, 17),
        "venue_name": "Square des Sablons",
        **extra,
    }


def test_propose_publish_and_follow(
    client, structure, member_of, staff_user, django_capture_on_commit_callbacks
):
    member = member_of(structure)
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/evenements/proposer/", _form(structure))
    assert response.status_code == 302 and response.url == "/evenements/mes-propositions/"
    proposal = EventProposal.objects.get()
    assert any("Fête des voisins du monde" in m.body for m in mail.outbox)
    assert "À examiner par le CCAS" in client.get("/evenements/mes-propositions/").content.decode()
    assert [w.count for w in pending_work_for(staff_user) if "Propositions" in w.label] == [1]

    client.force_login(staff_user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/evenements/gestion/propositions/{proposal.pk}/decision/",
            {f"p{proposal.pk}-decision": "publish", f"p{proposal.pk}-message": "Bienvenue dans l'agenda."},
        )
    proposal.refresh_from_db()
    edition = Edition.objects.get()
    assert proposal.status == "published" and proposal.edition == edition
    assert list(edition.organisers.all()) == [structure]
    assert "publiée" in mail.outbox[0].subject and member.email in mail.outbox[0].to
    assert edition.title in client.get("/evenements/").content.decode()

    client.force_login(member)
    mine = client.get("/evenements/mes-propositions/").content.decode()
    assert "Publiée" in mine and edition.get_absolute_url() in mine
    assert "Mes propositions d'événements" in client.get("/mon-espace/").content.decode()


def test_ask_for_changes_then_resubmit(client, structure, member_of, staff_user):
    member = member_of(structure)
    proposal = EventProposalFactory(association=structure, proposed_by=member)
    client.force_login(staff_user)
    client.post(
        f"/evenements/gestion/propositions/{proposal.pk}/decision/",
        {f"p{proposal.pk}-decision": "changes", f"p{proposal.pk}-message": "Précisez le lieu."},
    )
    proposal.refresh_from_db()
    assert proposal.status == "changes" and proposal.staff_message == "Précisez le lieu."
    client.force_login(member)
    assert "Précisez le lieu." in client.get("/evenements/mes-propositions/").content.decode()
    data = _form(structure, venue_name="Square des Sablons, près du tram")
    del data["association"]
    response = client.post(f"/evenements/mes-propositions/{proposal.pk}/", data)
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.venue_name) == ("submitted", "Square des Sablons, près du tram")


def test_refusing_needs_a_reason(client, structure, staff_user):
    proposal = EventProposalFactory(association=structure)
    client.force_login(staff_user)
    client.post(
        f"/evenements/gestion/propositions/{proposal.pk}/decision/", {f"p{proposal.pk}-decision": "refuse"}
    )
    proposal.refresh_from_db()
    assert proposal.status == "submitted"
    client.post(
        f"/evenements/gestion/propositions/{proposal.pk}/decision/",
        {f"p{proposal.pk}-decision": "refuse", f"p{proposal.pk}-message": "Hors du champ du réseau."},
    )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.staff_message) == ("refused", "Hors du champ du réseau.")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"starts_at": _when(-3), "ends_at": _when(-3, 18)}, "La date de début est passée"),
        ({"ends_at": _when(29)}, "La fin doit venir après le début."),
        ({"description": "<script>alert(1)</script>"}, "Le HTML n&#x27;est pas accepté"),
        ({"starts_at": "demain midi"}, "Saisissez une date et une heure valides."),
    ],
)
def test_bad_proposals_get_french_errors_and_keep_what_was_typed(
    client, structure, member_of, extra, message
):
    client.force_login(member_of(structure))
    response = client.post("/evenements/proposer/", _form(structure, **extra))
    body = response.content.decode()
    assert response.status_code == 400
    assert message in body
    assert "Fête des voisins du monde" in body
    assert not EventProposal.objects.exists()


def test_an_image_that_is_not_one_is_refused(client, structure, member_of):
    client.force_login(member_of(structure))
    fake = SimpleUploadedFile("photo.png", b"ceci n'est pas une image", content_type="image/png")
    response = client.post(
        "/evenements/proposer/", {**_form(structure), "image": fake, "image_alt": "Une photo"}
    )
    assert response.status_code == 400
    assert "Téléversez une image valide" in response.content.decode()
    assert not EventProposal.objects.exists()


def test_only_members_propose_for_their_structure(client, structure, user):
    client.force_login(user)
    response = client.post("/evenements/proposer/", _form(structure))
    assert response.status_code == 400 and not EventProposal.objects.exists()
    assert "demandez à la rejoindre" in response.content.decode()


def test_another_structure_cannot_open_a_proposal(client, structure, member_of, staff_user):
    proposal = EventProposalFactory(association=structure, status="changes", staff_message="Précisez.")
    client.force_login(member_of(factories.AssociationFactory()))
    assert client.get(f"/evenements/mes-propositions/{proposal.pk}/").status_code == 404
    assert "Fête des voisins" not in client.get("/evenements/mes-propositions/").content.decode()
    client.force_login(staff_user)
    assert client.get(f"/evenements/mes-propositions/{proposal.pk}/").status_code == 200
