"""Directory moderation shows what changes (before → after, in French) and decides per change."""

from __future__ import annotations

import html

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from associations.directory.services import change_proposal_decide
from associations.structures.models import ChangeProposal
from associations.structures.pending_logos import pending_logo_save
from tests import factories

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def page(client) -> str:
    return html.unescape(client.get(reverse("associations:staff_followup")).content.decode())


def test_card_change_shows_before_and_after_with_labels(client, staff_user, association):
    association.phone = "02 43 00 00 01"
    association.opening_hours = "Mo 09:00-12:00"
    association.save()
    ChangeProposal.objects.create(
        association=association,
        kind="card",
        payload={
            "phone": "02 43 00 00 02",
            "opening_hours": "Tu 14:00-17:00",
            "summary": association.summary,
        },
    )
    client.force_login(staff_user)
    content = page(client)
    assert "<del>02 43 00 00 01</del>" in content and "<ins>02 43 00 00 02</ins>" in content
    assert "lundi" in content.lower() and "mardi" in content.lower()  # hours in words, both sides
    assert "Mo 09:00" not in content
    assert 'value="summary"' not in content  # an unchanged field is not offered


def test_service_thematiques_by_name_and_logo_as_images(client, staff_user, association):
    old = factories.ThematiqueFactory(label="Aide alimentaire")
    new = factories.ThematiqueFactory(label="Épicerie solidaire")
    service = factories.ServiceFactory(association=association)
    service.thematiques.set([old])
    ChangeProposal.objects.create(
        association=association, service=service, kind="service_update", payload={"thematiques": [new.pk]}
    )
    logo = ChangeProposal.objects.create(
        association=association,
        kind="card",
        payload={"logo": pending_logo_save(SimpleUploadedFile("l.png", PNG))},
    )
    client.force_login(staff_user)
    content = page(client)
    assert "<del>Aide alimentaire</del>" in content and "<ins>Épicerie solidaire</ins>" in content
    assert f"Thématiques : {new.pk}" not in content
    logo_url = reverse("associations:staff_change_logo", kwargs={"pk": logo.pk})
    assert f'<img src="{logo_url}" alt="Logo proposé pour {association.name}"' in content
    assert "associations/pending" not in content  # no file path
    response = client.get(logo_url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_keep_one_change_refuse_the_other_with_a_reason(client, staff_user, association, user):
    proposal = ChangeProposal.objects.create(
        association=association,
        kind="card",
        proposed_by=user,
        payload={"phone": "02 43 11 11 11", "email": "nouveau@asso.fr"},
    )
    client.force_login(staff_user)
    url = reverse("associations:staff_change_decide", kwargs={"pk": proposal.pk})
    refused = client.post(
        url, {"per_field": "1", "fields": ["phone"], "decision": "approve", "reason": ""}, follow=True
    )
    assert "Indiquez pourquoi les changements décochés" in html.unescape(refused.content.decode())
    client.post(
        url, {"per_field": "1", "fields": ["phone"], "decision": "approve", "reason": "Adresse inconnue."}
    )
    association.refresh_from_db()
    proposal.refresh_from_db()
    assert association.phone == "02 43 11 11 11"
    assert association.email != "nouveau@asso.fr"
    assert (
        proposal.status == "approved" and "Non retenu : e-mail. Adresse inconnue." in proposal.decision_reason
    )


def test_a_decision_on_a_change_already_decided_is_a_clear_error(staff_user, association):
    proposal = ChangeProposal.objects.create(
        association=association, kind="card", payload={"phone": "02 43 22 22 22"}
    )
    change_proposal_decide(proposal=proposal, by=staff_user, accepted=["phone"])
    with pytest.raises(ValidationError, match="déjà été traitée"):
        change_proposal_decide(proposal=proposal, by=staff_user, accepted=["phone"])
