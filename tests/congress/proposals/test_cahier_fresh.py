"""The cahier des propositions follows its proposals (issue 19.4) and is ready on first click
(issue 21.4): a proposal kept after publication makes the public PDF stale; the visit that finds
it so still gets the last file at once and queues the new one, which the next visit gets."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from congress.proposals import services as proposals
from congress.proposals.models import Proposal, ProposalStatus
from tests.charter.test_pdf import _weasyprint_loads
from tests.conftest import require_service
from tests.congress.factories import programme

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    data = b"".join(response.streaming_content)
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_a_proposal_kept_after_publication_is_in_the_next_cahier(
    client, staff_user, django_capture_on_commit_callbacks
):
    require_service(_weasyprint_loads(), "WeasyPrint cannot load pango")
    p = programme()
    Proposal.objects.create(
        theme=p["theme"], title="Un référent unique", body="Texte.", status=ProposalStatus.KEPT
    )
    with django_capture_on_commit_callbacks(execute=True):
        proposals.cahier_publish(edition=p["edition"], by=staff_user)
    url = reverse("congress:cahier", args=[p["edition"].year])
    first = client.get(url)
    assert first.status_code == 200 and "Un référent unique" in _text(first)

    Proposal.objects.create(
        theme=p["theme"], title="Des repas partagés", body="Texte.", status=ProposalStatus.KEPT
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        meanwhile = client.get(url)
    # Served at once (the last good file) while the new one is produced.
    assert meanwhile.status_code == 200 and "Des repas partagés" not in _text(meanwhile)
    assert callbacks
    again = client.get(url)
    assert again.status_code == 200 and "Des repas partagés" in _text(again)
