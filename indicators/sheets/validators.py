"""Checks on uploaded files."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

MAX_REPORT_BYTES = 10 * 1024 * 1024
# A report is a few dozen pages; a document declaring thousands is not one (or is a trap).
MAX_REPORT_PAGES = 2000
NOT_A_PDF = "Le fichier n'est pas un PDF : déposez le rapport au format PDF."
UNREADABLE = (
    "Ce PDF est illisible ou endommagé : enregistrez-le de nouveau (« Exporter au format PDF ») "
    "puis déposez-le."
)

# pypdf reports every oddity of a damaged file on its logger; the form says it once, in French.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def validate_pdf(upload) -> None:
    """A real PDF of at most 10 Mo: the magic bytes, then the document itself is parsed (its
    cross-reference table, its page tree) and must be readable and not encrypted."""
    if upload.size > MAX_REPORT_BYTES:
        raise ValidationError("Le rapport d'activité dépasse 10 Mo : réduisez sa taille.")
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        raise ValidationError(NOT_A_PDF)
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                "Ce PDF est protégé par un mot de passe : déposez une version sans protection."
            )
        pages = len(reader.pages)
        if not 0 < pages <= MAX_REPORT_PAGES:
            raise ValidationError(UNREADABLE)
        reader.pages[0].mediabox  # noqa: B018 (reading the first page proves the page tree holds)
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as exc:
        raise ValidationError(UNREADABLE) from exc
    finally:
        upload.seek(0)
