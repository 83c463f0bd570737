"""Checks on what structures publish about themselves; every message is in French."""

from __future__ import annotations

import re
import warnings

from django.core.exceptions import ValidationError
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

RNA_RE = re.compile(r"^W\d{9}$")
SIRET_RE = re.compile(r"^\d{14}$")
SIREN_RE = re.compile(r"^\d{9}$")
# French numbers (0X XX XX XX XX, +33 X XX XX XX XX) and short service numbers (115, 3919).
PHONE_RE = re.compile(r"^(?:(?:\+33|0033|0)[1-9](?:\d{2}){4}|1\d{1,2}|3\d{3})$")
LOGO_MAX_BYTES = 1024 * 1024
# A logo is shown at most a few hundred pixels wide; a compressed file of a few Ko can declare
# an image of 100+ megapixels (a decompression bomb) that every later resize would unpack.
LOGO_MAX_PIXELS = 4096 * 4096
LOGO_FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}
# The extension decides the Content-Type a web server gives the public file: it must name the
# format Pillow found (a PNG called logo.pdf or logo.eps would be served as something else).
LOGO_EXTENSIONS = {"PNG": {"png"}, "JPEG": {"jpg", "jpeg"}, "WEBP": {"webp"}, "GIF": {"gif"}}


def validate_rna(value: str) -> None:
    if value and not RNA_RE.match(value):
        raise ValidationError(
            "Le numéro RNA commence par W suivi de 9 chiffres (ex. W723001234).", code="rna"
        )


def validate_siren(value: str) -> None:
    """A SIREN (9 digits, Luhn key), checked by python-stdnum."""
    if not value:
        return
    if not SIREN_RE.match(value):
        raise ValidationError("Le SIREN compte exactement 9 chiffres, sans espace.", code="siren")
    if not stdnum_siren.is_valid(value):
        raise ValidationError("Ce numéro SIREN n'est pas valide (clé de contrôle).", code="siren")


def validate_siret(value: str) -> None:
    """A SIRET: 14 digits whose first nine (the SIREN) and whole carry valid keys; La Poste's
    establishments, the documented exception, are known to python-stdnum."""
    if not value:
        return
    if not SIRET_RE.match(value):
        raise ValidationError("Le SIRET compte exactement 14 chiffres, sans espace.", code="siret")
    if not value.startswith("356000000") and not stdnum_siren.is_valid(value[:9]):
        raise ValidationError(
            "Ce numéro SIRET n'est pas valide : ses 9 premiers chiffres (le SIREN) "
            "ont une clé de contrôle fausse.",
            code="siret",
        )
    if not stdnum_siret.is_valid(value):
        raise ValidationError("Ce numéro SIRET n'est pas valide (clé de contrôle).", code="siret")


def normalize_phone(value: str) -> str:
    return re.sub(r"[\s.\-()]", "", value or "")


def validate_phone(value: str) -> None:
    if value and not PHONE_RE.match(normalize_phone(value)):
        raise ValidationError(
            "Numéro de téléphone invalide : 10 chiffres (ex. 02 43 74 52 06) ou +33…",
            code="phone",
        )


def _too_many_pixels() -> ValidationError:
    side = int(LOGO_MAX_PIXELS**0.5)
    return ValidationError(
        f"Le logo est une image trop grande en pixels\u00a0: {side} × {side} pixels au plus. "
        "Réduisez ses dimensions avant de l'envoyer.",
        code="logo_pixels",
    )


def validate_logo(file) -> None:
    """Size and real content type (Pillow reads the bytes; the extension is not trusted)."""
    if not file:
        return
    size = getattr(file, "size", None)
    if size is not None and size > LOGO_MAX_BYTES:
        raise ValidationError("Le logo dépasse 1 Mo : réduisez-le avant de l'envoyer.", code="logo_size")
    from PIL import Image, UnidentifiedImageError

    try:
        position = file.tell() if hasattr(file, "tell") else 0
        file.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                image_format = image.format
                width, height = image.size
                image.verify()
        file.seek(position)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels() from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise ValidationError(
            "Le logo doit être une image (PNG, JPEG, WebP ou GIF).", code="logo_type"
        ) from exc
    if width * height > LOGO_MAX_PIXELS:
        raise _too_many_pixels()
    if image_format not in LOGO_FORMATS:
        raise ValidationError("Le logo doit être une image (PNG, JPEG, WebP ou GIF).", code="logo_type")
    extension = (getattr(file, "name", "") or "").rsplit(".", 1)[-1].lower()
    # Only new uploads: a logo already stored was checked when it came in.
    if not getattr(file, "_committed", False) and extension not in LOGO_EXTENSIONS[image_format]:
        raise ValidationError(
            f"Ce fichier est une image {image_format} : son nom doit finir par "
            f"« .{sorted(LOGO_EXTENSIONS[image_format])[0]} ».",
            code="logo_extension",
        )
