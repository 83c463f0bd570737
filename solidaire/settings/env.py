"""The one environment reader: every setting that comes from outside goes through here.

A missing or malformed variable stops start-up with a message that names it.
"""

from __future__ import annotations

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
_NO_DEFAULT = object()


def _read(kind: str, name: str, default, **kwargs):
    try:
        if default is _NO_DEFAULT:
            return getattr(env, kind)(name, **kwargs)
        return getattr(env, kind)(name, default=default, **kwargs)
    except ImproperlyConfigured:
        raise ImproperlyConfigured(
            f"The environment variable {name} is required (see .env.example)."
        ) from None
    except (ValueError, TypeError, KeyError) as exc:
        raise ImproperlyConfigured(f"The environment variable {name} is malformed: {exc}") from None


def str_(name: str, default=_NO_DEFAULT) -> str:
    return _read("str", name, default)


def bool_(name: str, default=_NO_DEFAULT) -> bool:
    raw = env.str(name, default="")
    if raw == "":
        if default is _NO_DEFAULT:
            raise ImproperlyConfigured(f"The environment variable {name} is required.")
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(
        f"The environment variable {name} is malformed: expected true/false, got {raw!r}."
    )


def int_(name: str, default=_NO_DEFAULT) -> int:
    return _read("int", name, default)


def list_(name: str, default=_NO_DEFAULT) -> list[str]:
    return [item for item in _read("list", name, default) if item]


def db(name: str = "DATABASE_URL", default=_NO_DEFAULT) -> dict:
    raw = env.str(name, default="") or (None if default is _NO_DEFAULT else default)
    if not raw:
        raise ImproperlyConfigured(f"The environment variable {name} is required.")
    try:
        config = environ.Env.db_url_config(raw)
    except Exception as exc:  # environ raises several kinds for a bad URL
        raise ImproperlyConfigured(f"The environment variable {name} is malformed: {exc}") from None
    if not config.get("ENGINE"):
        raise ImproperlyConfigured(
            f"The environment variable {name} is malformed: unknown scheme in {raw!r}."
        )
    return config


def url(name: str, default=_NO_DEFAULT) -> str | None:
    raw = env.str(name, default="") or (None if default is _NO_DEFAULT else default)
    if raw is None:
        raise ImproperlyConfigured(f"The environment variable {name} is required.")
    if raw and "://" not in raw:
        raise ImproperlyConfigured(
            f"The environment variable {name} is malformed: expected a URL, got {raw!r}."
        )
    return raw or None
