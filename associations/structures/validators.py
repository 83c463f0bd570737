"""Checks on what structures publish about themselves; every message is in French."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

from solidaire.core.security.images import IMAGE_EXTENSIONS, IMAGE_FORMATS, check_image

RNA_RE = re.compile(r"^W\d{9}$")
SIRET_RE = re.compile(r"^\d{14}$")
SIREN_RE = re.compile(r"^\d{9}$")
# French numbers (0X XX XX XX XX, +33 X XX XX XX XX) and short service numbers (115, 3919).
PHONE_RE = re.compile(r"^(?:(?:\+33|0033|0)[1-9](?:\d{2}){4}|1\d{1,2}|3\d{3})$")
LOGO_MAX_BYTES = 1024 * 1024
# A logo is shown at most a few hundred pixels wide; a compressed file of a few Ko can declare
# an image of 100+ megapixels (a decompression bomb) that every later resize would unpack.
LOGO_MAX_PIXELS = 4096 * 4096
# The extension must name the format Pillow found (see solidaire.core.security.images).
LOGO_FORMATS = IMAGE_FORMATS
LOGO_EXTENSIONS = IMAGE_EXTENSIONS


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


def validate_logo(file) -> None:
    """Size, pixels and real content type (Pillow reads the bytes; the extension is not trusted),
    with the checks every uploaded image gets (solidaire.core.security.images)."""
    if not file:
        return
    check_image(
        file, noun="Le logo", pronoun="le", max_bytes=LOGO_MAX_BYTES, max_pixels=LOGO_MAX_PIXELS, code="logo"
    )
