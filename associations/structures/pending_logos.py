"""Logos uploaded by members while moderation is on, until CCAS staff decide.

They wait in the private storage (see solidaire.core.security.storage): an image nobody has checked yet
must not be served from the portal's domain at a path its uploader can share. Approved, the
logo is copied into the public logos; approved or refused, the pending copy is dropped.
"""

from __future__ import annotations

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction

from solidaire.core.security.storage import private_storage

PENDING_DIR = "associations/pending"


def pending_logo_save(upload) -> str:
    """Keep an upload aside; returns its name in the private storage (client name cleaned)."""
    storage = private_storage()
    return storage.save(storage.generate_filename(f"{PENDING_DIR}/{upload.name}"), File(upload))


def _storage_of(name: str):
    # Proposals queued before this module existed kept their logo in the public media.
    return private_storage() if private_storage().exists(name) else default_storage


def pending_logo_publish(association, name: str) -> None:
    """Set the structure's logo from a pending one ("" clears the logo); not saved here."""
    if not name:
        association.logo = None
        return
    storage = _storage_of(name)
    with storage.open(name) as handle:
        association.logo.save(name.rsplit("/", 1)[-1], File(handle), save=False)
    transaction.on_commit(lambda: storage.delete(name))


def pending_logo_discard(name: str | None) -> None:
    if name:
        storage = _storage_of(name)
        transaction.on_commit(lambda: storage.delete(name))


def pending_logo_open(name: str):
    """The pending logo's file, for CCAS staff to see it before deciding; None if it is gone."""
    if not name:
        return None
    storage = _storage_of(name)
    return storage.open(name, "rb") if storage.exists(name) else None
