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


LOADED = "_files_as_loaded"


def _stored_name(value) -> str:
    """A file field's raw value as the instance holds it: the stored name (a string), or a
    file whose `name` is that name once saved."""
    if value is None:
        return ""
    return value if isinstance(value, str) else (getattr(value, "name", "") or "")


def replaced_file_receivers(field_names: list[str]):
    """The (post_init, pre_save, post_save, post_delete) receivers that remove a file from its
    storage once the row that pointed to it points elsewhere (a new logo, a cleared field) or
    is deleted, after the transaction commits (a rollback keeps it). `solidaire/core/receivers.py`
    connects them for settings.FILES_DELETED_WHEN_REPLACED.

    No query: the row's file names are remembered as loaded (post_init reads the instance's
    own dict, so a deferred field is not fetched for it) and compared on save. Only a field
    deferred at load and set since (or a row saved over by an instance built with its pk) costs
    the one SELECT that tells its previous file. An instance reloaded with refresh_from_db()
    keeps the names it was built with: at worst a file replaced meanwhile is left behind,
    never a file still in use deleted (the services write on rows they have just read)."""

    def after_init(sender, instance, **kwargs):
        attnames = {name: instance._meta.get_field(name).attname for name in field_names}
        instance.__dict__[LOADED] = {
            name: _stored_name(instance.__dict__[attname])
            for name, attname in attnames.items()
            if attname in instance.__dict__
        }

    def before_save(sender, instance, raw=False, update_fields=None, using=None, **kwargs):
        fields = [f for f in field_names if update_fields is None or f in update_fields]
        if raw or instance.pk is None or not fields:
            return
        loaded = {} if instance._state.adding else instance.__dict__.get(LOADED, {})
        unknown = [name for name in fields if name not in loaded]
        if unknown:
            old = sender._base_manager.using(using).filter(pk=instance.pk).values(*unknown).first() or {}
            loaded = {**loaded, **{name: old.get(name) or "" for name in unknown}}
        for name in fields:
            old_name = loaded[name]
            if old_name and old_name != (getattr(instance, name).name or ""):
                storage = instance._meta.get_field(name).storage
                transaction.on_commit(partial(_delete_quietly, storage, old_name), using=using)

    def after_save(sender, instance, raw=False, update_fields=None, **kwargs):
        # What the row now points to is what a later save of this instance replaces.
        loaded = instance.__dict__.setdefault(LOADED, {})
        for name in field_names:
            if update_fields is None or name in update_fields:
                loaded[name] = getattr(instance, name).name or ""

    def after_delete(sender, instance, using=None, **kwargs):
        for name in field_names:
            file = getattr(instance, name)
            if file and file.name:
                transaction.on_commit(partial(_delete_quietly, file.storage, file.name), using=using)

    return after_init, before_save, after_save, after_delete
