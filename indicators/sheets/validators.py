"""Checks on uploaded files."""

from __future__ import annotations

from django.core.exceptions import ValidationError

MAX_REPORT_BYTES = 10 * 1024 * 1024


def validate_pdf(upload) -> None:
    """A real PDF (magic bytes, not just the name) of at most 10 Mo."""
    if upload.size > MAX_REPORT_BYTES:
        raise ValidationError("Le rapport d'activité dépasse 10 Mo : réduisez sa taille.")
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        raise ValidationError("Le fichier n'est pas un PDF : déposez le rapport au format PDF.")
