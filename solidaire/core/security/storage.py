"""Where private uploads live: outside MEDIA_ROOT, so no web server or `static()` route can
serve them; a view that checks permissions streams them (e.g. the activity report PDF)."""

from __future__ import annotations

import logging
import os
from functools import partial

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import transaction

logger = logging.getLogger(__name__)


class PrivateStorage(FileSystemStorage):
    """FileSystemStorage rooted at PRIVATE_MEDIA_ROOT (read at each use, so tests can move it)."""

    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Fichier privé : il n'a pas d'URL publique, une vue vérifie les droits et le sert.")


_private_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    """The storage of private FileFields (a callable, so migrations keep a reference to it)."""
    return _private_storage


def _delete_quietly(storage, name: str) -> None:
    try:
        storage.delete(name)
    except OSError:  # already gone, or a read-only disk: never fail the request for it
        logger.warning("Could not delete the replaced file %s", name, exc_info=True)


def replaced_file_receivers(field_names: list[str]):
    """The (pre_save, post_delete) receivers that remove a file from its storage once the row
    that pointed to it points elsewhere (a new logo, a cleared field) or is deleted, after the
    transaction commits (a rollback keeps it). `solidaire/core/receivers.py` connects them for
    settings.FILES_DELETED_WHEN_REPLACED."""

    def before_save(sender, instance, raw=False, update_fields=None, using=None, **kwargs):
        fields = [f for f in field_names if update_fields is None or f in update_fields]
        if raw or instance.pk is None or not fields:
            return
        old = sender._base_manager.using(using).filter(pk=instance.pk).values(*fields).first()
        for name in fields:
            old_name = (old or {}).get(name) or ""
            if old_name and old_name != (getattr(instance, name).name or ""):
                storage = instance._meta.get_field(name).storage
                transaction.on_commit(partial(_delete_quietly, storage, old_name), using=using)

    def after_delete(sender, instance, using=None, **kwargs):
        for name in field_names:
            file = getattr(instance, name)
            if file and file.name:
                transaction.on_commit(partial(_delete_quietly, file.storage, file.name), using=using)

    return before_save, after_delete
