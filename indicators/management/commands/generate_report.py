"""Produce an observatoire report from the shell, in this process, with a progress bar on a
terminal: `python manage.py generate_report --kind annual --year 2025 --output rapport.pdf`.
A family is given by its code or by the label the web form shows (`--family Publics`)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from indicators.catalogue.models import Family
from indicators.observatoire import documents
from solidaire.core.documents.registry import get_renderer
from solidaire.core.text.french import format_number

KINDS = {"annual": documents.ANNUAL, "thematic": documents.THEMATIC, "structure": documents.STRUCTURE}
BAR_WIDTH = 30


def family_code(value: str | None) -> str | None:
    """« publics », « Publics », « PUBLICS » → "publics": codes and labels alike, accents and case
    ignored; an unknown family is refused with the list of accepted ones."""
    if value in (None, ""):
        return value
    wanted = slugify(value)
    for code, label in Family.choices:
        if wanted in (slugify(code), slugify(label)):
            return code
    raise CommandError(f"Famille d'indicateurs inconnue : « {value} ». Familles acceptées : {_families()}.")


def _families() -> str:
    return ", ".join(f"{code} ({label})" for code, label in Family.choices)


class Command(BaseCommand):
    help = "Produit un rapport de l'observatoire social (PDF) sans passer par le worker."

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind",
            choices=sorted(KINDS),
            default="annual",
            help="type de rapport : "
            + ", ".join(f"{code} ({get_renderer(kind).label})" for code, kind in KINDS.items()),
        )
        parser.add_argument(
            "--year",
            type=int,
            help="année de la campagne (annual, thematic ; structure : jusqu'à cette année)",
        )
        parser.add_argument(
            "--family",
            help=f"famille d'indicateurs (thematic), par son code ou son libellé : {_families()}",
        )
        parser.add_argument("--structure", help="identifiant (slug) de la structure (structure)")
        parser.add_argument(
            "--internal", action="store_true", help="version interne, sans secret statistique"
        )
        parser.add_argument("--output", required=True, help="fichier PDF à écrire")

    def handle(self, *args, kind, year, family, structure, internal, output, **options):
        renderer = get_renderer(KINDS[kind])
        # An option the kind does not use is refused, not silently dropped.
        unused = {
            "--family": family and kind != "thematic",
            "--structure": structure and kind != "structure",
            "--internal": internal and kind == "structure",
        }
        for option, refused in unused.items():
            if refused:
                raise CommandError(f"{option} ne s'applique pas au type « {kind} » ({renderer.label}).")
        if kind == "structure":
            raw = {"structure": structure} | ({"year": year} if year else {})
        else:
            family = family_code(family)
            raw = {"year": year, "internal": internal} | ({"family": family} if kind == "thematic" else {})
        try:
            params = renderer.clean_params(raw)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        started = time.monotonic()
        tty = sys.stderr.isatty()

        def progress(percent: int, step: str) -> None:
            if tty:
                filled = BAR_WIDTH * percent // 100
                bar = "█" * filled + "·" * (BAR_WIDTH - filled)
                sys.stderr.write(f"\r[{bar}] {percent:3d} % {step[:50]:<50}")
                sys.stderr.flush()
            else:
                self.stderr.write(f"{percent:3d} % {step}")

        try:
            rendered = renderer.render(params, progress)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        finally:
            if tty:
                sys.stderr.write("\n")
        Path(output).write_bytes(rendered.content)
        elapsed = time.monotonic() - started
        size = len(rendered.content) // 1024
        seconds = format_number(round(elapsed, 1), 1)  # « 4,6 s », as French readers write it
        message = f"{renderer.describe(params)} : {output} ({format_number(size)} Kio, {seconds} s)."
        self.stdout.write(self.style.SUCCESS(message))
