"""Uploaded file names come from the client: they are cleaned before reaching the disk."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from associations.structures.models import ChangeProposal
from tests.associations.selfservice.test_selfservice import CARD, moderation

pytestmark = pytest.mark.django_db


def _png(name: str) -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (40, 40), "blue").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.mark.parametrize("moderated", [True, False])
def test_logo_file_names_are_cleaned(client, association, member_of, moderated):
    moderation(moderated)
    client.force_login(member_of(association))
    response = client.post(
        f"/annuaire/{association.slug}/espace/fiche/", {**CARD, "logo": _png('mon logo "<b>".png')}
    )
    assert response.status_code == 302
    if moderated:
        name = ChangeProposal.objects.get().payload["logo"]
    else:
        association.refresh_from_db()
        name = association.logo.name
    stored = name.rsplit("/", 1)[1]
    assert stored.startswith("mon_logo_b") and stored.endswith(".png")
    assert not set(stored) & set(' "<>/\\')


@pytest.mark.parametrize("name", ["logo.pdf", "logo.eps", "logo.jpg"])
def test_logo_extension_must_match_its_content(client, association, member_of, name):
    """The public file's Content-Type follows its extension: a PNG named logo.pdf is refused."""
    moderation(False)
    client.force_login(member_of(association))
    response = client.post(f"/annuaire/{association.slug}/espace/fiche/", {**CARD, "logo": _png(name)})
    assert response.status_code == 200
    assert "son nom doit finir par « .png »" in response.content.decode()
    association.refresh_from_db()
    assert not association.logo


def _pending(association, member_of, client):
    moderation(True)
    client.force_login(member_of(association))
    client.post(f"/annuaire/{association.slug}/espace/fiche/", {**CARD, "logo": _png("logo.png")})
    return ChangeProposal.objects.get()


def test_unmoderated_logo_is_not_served_from_the_public_media(client, association, member_of, settings):
    """Before staff look at it, an uploaded image must not sit at a public /media/ path."""
    proposal = _pending(association, member_of, client)
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.png"))
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / proposal.payload["logo"]).is_file()


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_pending_logo_is_dropped_once_decided(
    client, association, member_of, staff_user, settings, decision, django_capture_on_commit_callbacks
):
    proposal = _pending(association, member_of, client)
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/annuaire/suivi/modifications/{proposal.pk}/", {"decision": decision, "reason": "Image floue"}
        )
    assert not list(Path(settings.PRIVATE_MEDIA_ROOT).rglob("*.png"))
    association.refresh_from_db()
    if decision == "approve":
        assert association.logo.name.startswith("associations/logos/")
        assert (Path(settings.MEDIA_ROOT) / association.logo.name).is_file()
        assert list(Path(settings.MEDIA_ROOT).rglob("*.png")) == [
            Path(settings.MEDIA_ROOT) / association.logo.name
        ]
    else:
        assert not association.logo
        assert not list(Path(settings.MEDIA_ROOT).rglob("*.png"))
