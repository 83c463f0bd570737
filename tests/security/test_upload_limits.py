"""Uploads: a pixel limit on logos, a body-size cap before the body is read, replaced files
removed from storage after commit (the activity report: tests/indicators/sheets/test_report_uploads.py)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image

from associations.structures.models import Association
from tests.associations.selfservice.test_selfservice import CARD, moderation

pytestmark = pytest.mark.django_db


def _png(name: str = "logo.png", size: tuple[int, int] = (40, 40)) -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("1", size).save(buffer, "PNG", optimize=True)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _card_url(association) -> str:
    return f"/annuaire/{association.slug}/espace/fiche/"


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize("moderated", [True, False])
def test_a_decompression_bomb_logo_is_refused(client, association, member_of, settings, moderated):
    """11,000 × 11,000 pixels (121 megapixels) in a few Ko: refused, never stored."""
    bomb = _png(size=(11_000, 11_000))
    assert bomb.size < 100 * 1024
    moderation(moderated)
    client.force_login(member_of(association))
    response = client.post(_card_url(association), {**CARD, "logo": bomb})
    assert response.status_code == 200
    assert "trop grande en pixels" in response.content.decode()
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.png"))
    assert not list(Path(settings.PRIVATE_MEDIA_ROOT).rglob("*.png"))


def test_an_oversized_body_is_refused_before_it_is_read(client, association, member_of):
    client.force_login(member_of(association))

    class Unreadable(BytesIO):
        def read(self, *args):
            raise AssertionError("the body was read")

    response = client.generic(
        "POST",
        _card_url(association),
        data=b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(60 * 1024 * 1024),
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413
    assert "Envoi trop volumineux" in response.content.decode()


def test_a_replaced_logo_leaves_the_storage_after_commit(
    client, association, member_of, settings, django_capture_on_commit_callbacks
):
    moderation(False)
    client.force_login(member_of(association))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_card_url(association), {**CARD, "logo": _png("premier.png")})
    first = Path(settings.MEDIA_ROOT) / Association.objects.get(pk=association.pk).logo.name
    assert first.is_file()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_card_url(association), {**CARD, "logo": _png("second.png")})
    assert response.status_code == 302
    second = Path(settings.MEDIA_ROOT) / Association.objects.get(pk=association.pk).logo.name
    assert second.is_file() and not first.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_card_url(association), {**CARD, "logo-clear": "on"})
    assert not Association.objects.get(pk=association.pk).logo
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.png"))


def test_a_rolled_back_replacement_keeps_the_old_file(association, settings):
    association.logo.save("ancien.png", _png("ancien.png"))
    old = Path(association.logo.path)
    with pytest.raises(RuntimeError), transaction.atomic():
        association.logo = None
        association.save()
        raise RuntimeError("the change fails")
    assert old.is_file()
