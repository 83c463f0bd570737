"""Produce an observatoire report from the shell, in this process, with a progress bar on a
terminal: `python manage.py generate_report --kind annual --year 2025 --output rapport.pdf`."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from indicators.observatoire import documents
from solidaire.core.documents.registry import get_renderer

KINDS = {"annual": documents.ANNUAL, "thematic": documents.THEMATIC, "structure": documents.STRUCTURE}
BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Produit un rapport de l'observatoire social (PDF) sans passer par le worker."

    def add_arguments(self, parser):
        parser.add_argument("--kind", choices=sorted(KINDS), default="annual", help="type de rapport")
        parser.add_argument("--year", type=int, help="année de la campagne (annual, thematic)")
        parser.add_argument("--family", help="famille d'indicateurs (thematic)")
        parser.add_argument("--structure", help="identifiant (slug) de la structure (structure)")
        parser.add_argument(
            "--internal", action="store_true", help="version interne, sans secret statistique"
        )
        parser.add_argument("--output", required=True, help="fichier PDF à écrire")

    def handle(self, *args, kind, year, family, structure, internal, output, **options):
        renderer = get_renderer(KINDS[kind])
        if kind == "structure":
            raw = {"structure": structure}
        else:
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
        message = f"{renderer.describe(params)} : {output} ({size} Kio, {elapsed:.1f} s)."
        self.stdout.write(self.style.SUCCESS(message))
