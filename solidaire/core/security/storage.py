"""Where private uploads live: outside MEDIA_ROOT, so no web server or `static()` route can
serve them; a view that checks permissions streams them (e.g. the activity report PDF)."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


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
