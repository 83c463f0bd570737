"""Event proposal images wait in the private storage until the proposal is published, with the
logos' limits (issue 19.5): before, they were public under /media/events/proposals/<uploader's
name> from the upload on, a 9,400 × 9,400 PNG of 10 KB was accepted, and so was a GIF with a
<script> appended. Now: checked (size, pixels, format, extension), re-encoded, renamed, private;
the published edition gets its own public copy; a refused proposal's file is deleted."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zlib

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from events.proposals import services
from events.proposals.models import EventProposal
from solidaire.core.security.storage import private_storage
from tests import factories

from .test_proposals import _form

pytestmark = pytest.mark.django_db


@pytest.fixture
def structure():
    return factories.AssociationFactory(
        name="Manou Partages", slug="manou-partages", email="manou@example.org"
    )


def _png(size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def _huge_png(side: int = 9400) -> bytes:
    """A valid PNG declaring side × side pixels in a few Ko (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1-bit greyscale
    rows = zlib.compress(b"\x00" * ((side + 7) // 8 + 1) * side, 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def _post(client, structure, content: bytes, name: str):
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    return client.post(
        "/evenements/proposer/", {**_form(structure), "image": upload, "image_alt": "Une affiche"}
    )


def test_an_image_waits_re_encoded_and_renamed_in_the_private_storage(client, structure, member_of):
    client.force_login(member_of(structure))
    sent = _png()
    assert _post(client, structure, sent, "Affiche de Mme Dupont.png").status_code == 302
    proposal = EventProposal.objects.get()
    name = proposal.image.name
    assert name.startswith("events/proposals/pending/") and "Dupont" not in name and name.endswith(".png")
    assert proposal.image.storage is private_storage()
    assert private_storage().exists(name) and not default_storage.exists(name)
    with pytest.raises(ValueError):
        _ = proposal.image.url  # no public URL before a decision


def test_a_decompression_bomb_is_refused_and_nothing_is_saved(client, structure, member_of):
    client.force_login(member_of(structure))
    bomb = _huge_png()
    assert len(bomb) < 20_000
    response = _post(client, structure, bomb, "bombe.png")
    assert response.status_code == 400
    assert "L'image est une image trop grande en pixels" in response.content.decode().replace("&#x27;", "'")
    assert not EventProposal.objects.exists()


def test_a_gif_with_a_script_appended_keeps_only_the_picture(client, structure, member_of):
    client.force_login(member_of(structure))
    out = io.BytesIO()
    Image.new("P", (20, 20), 3).save(out, "GIF")
    assert _post(client, structure, out.getvalue() + b"<script>alert(1)</script>", "x.gif").status_code == 302
    with EventProposal.objects.get().image.open("rb") as handle:
        stored = handle.read()
    assert stored.startswith(b"GIF") and b"<script>" not in stored


def test_an_image_named_as_another_format_is_refused(client, structure, member_of):
    client.force_login(member_of(structure))
    response = _post(client, structure, _png(), "affiche.svg")
    assert response.status_code == 400
    assert not EventProposal.objects.exists()


def test_publishing_gives_the_edition_a_public_copy_and_refusing_deletes_the_file(
    structure, member_of, staff_user, django_capture_on_commit_callbacks
):
    member = member_of(structure)
    data = _form(structure)
    kwargs = {
        "association": structure,
        "user": member,
        "title": data["title"],
        "kind": data["kind"],
        "recurring": False,
        "description": data["description"],
        "starts_at": timezone.now() + dt.timedelta(days=20),
        "ends_at": timezone.now() + dt.timedelta(days=20, hours=3),
        "venue_name": data["venue_name"],
        "image_alt": "Une affiche",
    }
    kept = services.proposal_submit(**kwargs, image=SimpleUploadedFile("a.png", _png()))
    edition = services.proposal_publish(proposal=kept, by=staff_user)
    assert edition.image.name.startswith("events/") and default_storage.exists(edition.image.name)
    assert edition.image.url.startswith("/media/events/")
    assert not default_storage.exists(kept.image.name)

    refused = services.proposal_submit(**kwargs, image=SimpleUploadedFile("b.png", _png()))
    name = refused.image.name
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_refuse(proposal=refused, by=staff_user, message="Hors du réseau.")
    assert not private_storage().exists(name)
    refused.refresh_from_db()
    assert not refused.image
