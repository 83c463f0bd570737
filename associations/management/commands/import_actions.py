"""`python manage.py import_actions FICHIER`: import the social centres' "fiches actions"."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from associations.actions.parser import ActionsFileError, decode, parse_actions
from associations.actions.services import actions_import_text
from solidaire.core.text.french import format_count


class Command(BaseCommand):
    help = (
        "Importe les fiches actions des centres sociaux (export texte). Relancer l'import "
        "ne crée pas de doublon ; les lignes illisibles sont signalées avec leur numéro."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="chemin du fichier texte (UTF-8)")
        parser.add_argument(
            "--dry-run", action="store_true", help="lire et signaler les problèmes sans rien enregistrer"
        )

    def handle(self, *args, file: str, dry_run: bool = False, **options):
        path = Path(file)
        try:
            text = decode(path.read_bytes())
        except FileNotFoundError:
            raise CommandError(f"Fichier introuvable : {path}") from None
        except IsADirectoryError:
            raise CommandError(f"{path} est un dossier, pas un fichier.") from None
        except PermissionError:
            raise CommandError(f"Lecture refusée pour {path} (droits d'accès).") from None
        except ActionsFileError as exc:
            raise CommandError(f"{path} : {exc}") from None

        self.stdout.write(f"Import des fiches actions : {path.name}")
        if dry_run:
            result = parse_actions(text)
            self.stdout.write(
                f"Lecture seule : {format_count(len(result.actions), 'fiche lisible', feminine=True)}, "
                f"{format_count(len(result.duplicates), 'répétée', feminine=True)}, "
                f"{format_count(len(result.problems), 'problème')}."
            )
            for problem in result.problems:
                self.stdout.write(f"  {problem}")
            return
        report = actions_import_text(text=text)
        for line in report.lines():
            self.stdout.write(line)
        style = self.style.WARNING if report.problems else self.style.SUCCESS
        self.stdout.write(style("Import terminé."))
