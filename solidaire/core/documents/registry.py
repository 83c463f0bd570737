"""The kinds of generated documents: a feature registers a renderer, the machinery does the rest.

A renderer says who may see its documents, checks the parameters (they come from URLs and forms:
never trusted), and turns them into bytes while reporting progress. Renderers are registered
when their app is ready (`AppConfig.ready` imports the app's `documents.py`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from solidaire.accounts.roles import is_ccas_staff

from .models import StorageArea

Progress = Callable[[int, str], None]


class TransientRenderError(Exception):
    """Something that may work on a second try (a database restarting, a file system busy):
    the task retries instead of failing at once."""


@dataclass
class Rendered:
    """What a renderer produces."""

    content: bytes
    download_name: str
    data_as_of: dt.datetime | None = None
    stamp: str = ""  # a short version label kept beside the checksum (e.g. "v2")
    content_type: str = "application/pdf"


class Renderer:
    """Base class: subclass it, set `kind`, `label`, and implement `render` (and the permission
    and parameter hooks when the defaults do not fit)."""

    kind: str = ""
    label: str = ""
    storage_area: str = StorageArea.PRIVATE
    content_type: str = "application/pdf"
    # Serve the last good file while a newer rendering is on its way, or only an up-to-date one.
    serve_while_stale: bool = True

    def clean_params(self, params: dict) -> dict:
        """Check and normalise parameters; raise ValidationError (French) when they are wrong."""
        if params:
            raise ValidationError("Ce document ne prend aucun paramètre.")
        return {}

    def can_request(self, user, params: dict) -> bool:
        """May `user` ask for this document to be produced? Default: CCAS staff."""
        return is_ccas_staff(user)

    def can_view(self, user, params: dict) -> bool:
        """May `user` see its state and download the file? Default: as for requesting."""
        return self.can_request(user, params)

    def fingerprint(self, params: dict) -> str:
        """A short text that changes whenever the data the document is drawn from changes (e.g.
        the ids and update times of its rows, hashed). Compared when the document is asked for:
        a different one marks the stored file stale and queues a new rendering. Empty: the kind
        tracks nothing and is produced again only when invalidated. Must be cheap (one query).
        May raise ObjectDoesNotExist when the parameters no longer resolve."""
        return ""

    def describe(self, params: dict) -> str:
        """A French description of one document of this kind, for lists."""
        return self.label

    def describe_all(self, params_list: list[dict]) -> list[str]:
        """`describe` for many documents at once (lists): override when describing one costs a
        query, so that a list page runs the same queries for 10 rows as for 10,000."""
        return [self.describe(params) for params in params_list]

    def render(self, params: dict, progress: Progress) -> Rendered:
        raise NotImplementedError


def fingerprint_of(*parts) -> str:
    """A fingerprint from any printable parts (querysets' values lists, dates, numbers)."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


class UnknownDocumentKind(LookupError):
    pass


_renderers: dict[str, Renderer] = {}


def register(renderer: Renderer) -> Renderer:
    """Add a renderer; a second registration of the same kind replaces the first (tests)."""
    if not renderer.kind:
        raise ValueError("A renderer needs a kind.")
    _renderers[renderer.kind] = renderer
    return renderer


def get_renderer(kind: str) -> Renderer:
    try:
        return _renderers[kind]
    except KeyError:
        raise UnknownDocumentKind(f"Type de document inconnu : {kind}") from None


def registered_kinds() -> list[str]:
    return sorted(_renderers)
