"""Reads on the charter and its signatories."""

from __future__ import annotations

from .models import CharterVersion, Signature, SignatureStatus


def current_version() -> CharterVersion | None:
    return CharterVersion.objects.filter(is_current=True).first()


def signatory_count() -> int:
    """Structures whose signature is in force (one query, whatever their number)."""
    return (
        Signature.objects.filter(status=SignatureStatus.SIGNED)
        .values("association_id")
        .distinct()
        .count()
    )
