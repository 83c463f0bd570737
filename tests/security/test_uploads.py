"""Uploaded file names come from the client: they are cleaned before reaching the disk."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from associations.models_directory import ChangeProposal
from tests.associations.test_selfservice import CARD, moderation

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
