"""Proposals and the cahier: who may propose and tend proposals, the cahier once published, the
staff's to-do list."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from congress.proposals import services as proposals
from congress.proposals.models import Proposal, ProposalStatus
from tests import factories
from tests.congress.factories import programme, register, register_confirmed

pytestmark = pytest.mark.django_db


def test_a_confirmed_attendee_proposes_and_a_facilitator_merges_and_keeps(client):
    p = programme()
    attendee = register_confirmed(p)
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
    attendee = register_confirmed(p)
    proposal = proposals.proposal_submit(theme=p["theme"], title="x", body="y", registration=attendee)
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
