"""Writes for the social centres' actions: the import of the "fiches actions" export."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils.text import slugify

from associations.structures.models import Association
from associations.structures.services import derived_data_refresh
from associations.structures.taxonomy import PublicationStatus, Quartier, StructureKind

from .models import Action, ActionDimension, ActionInitiator, ActionKeyword, ActionPartner, ActionPublic
from .parser import ParsedAction, Problem, decode, parse_actions, status_code

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
HOME_DEPARTMENT = "sarthe"

# Parsed list field -> (model's M2M attribute, term model).
TERM_FIELDS = {
    "dimensions": ("dimensions", ActionDimension),
    "keywords": ("keywords", ActionKeyword),
    "initiatives": ("initiators", ActionInitiator),
    "publics": ("publics", ActionPublic),
    "partners": ("partners", ActionPartner),
}
# Parsed text field -> model field.
TEXT_FIELDS = {
    "end_reasons": "end_reasons",
    "summary": "summary",
    "initiative_other": "initiative_other",
    "experience": "experience",
    "territory": "territory",
    "general_description": "general_description",
    "financial_resources": "financial_resources",
    "people_involved": "people_involved",
    "result_territory": "result_territory",
    "result_centre": "result_centre",
    "result_inhabitants": "result_inhabitants",
    "limits": "limits",
    "perspectives": "perspectives",
    "files": "files_note",
}


@dataclass
class ImportReport:
    read: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    structures_created: list[str] = field(default_factory=list)
    duplicates: list[tuple[int, int]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The summary, in French, for the command line and the logs."""
        out = [
            f"Fiches lues : {self.read}",
            f"Créées : {len(self.created)} — mises à jour : {len(self.updated)} — "
            f"inchangées : {len(self.unchanged)}",
        ]
        if self.structures_created:
            out.append(
                f"Structures organisatrices créées (en brouillon, à vérifier) : "
                f"{len(self.structures_created)} — {', '.join(self.structures_created)}"
            )
        if self.duplicates:
            pairs = ", ".join(f"ligne {line} = ligne {first}" for line, first in self.duplicates)
            out.append(
                f"Fiches répétées à l'identique, importées une seule fois : {len(self.duplicates)} ({pairs})"
            )
        if self.problems:
            out.append(f"Problèmes ({len(self.problems)}) — le reste du fichier a été importé :")
            out.extend(f"  {problem}" for problem in sorted(self.problems, key=lambda p: p.line))
        else:
            out.append("Aucun problème.")
        return out


def _unique_slug(model, base: str, max_length: int) -> str:
    base = (base or "fiche")[:max_length]
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        suffix = f"-{n}"
        slug, n = base[: max_length - len(suffix)] + suffix, n + 1
    return slug


def organising_structure_get_or_create(*, name: str, department: str) -> tuple[Association, bool]:
    """The structure named in an action, matched on its name (case/accents aside), or created.

    Created as a *draft* centre social: the directory lists Le Mans resources that
    professionals orient people to; a card holding only a name and a department (often
    outside the Sarthe) must not appear there until staff have checked and completed it.
    The actions still show the structure's name."""
    name = " ".join(name.split())
    slug = slugify(name)
    existing = Association.objects.filter(Q(name__iexact=name) | Q(slug=slug[:220])).first()
    if existing:
        return existing, False
    home = slugify(department) == HOME_DEPARTMENT
    structure = Association(
        name=name,
        slug=_unique_slug(Association, slug[:220], 220),
        kind=StructureKind.CENTRE_SOCIAL,
        status=PublicationStatus.DRAFT,
        city="" if not home else "Le Mans",
        quartier="" if home or not department else Quartier.HORS_LE_MANS,
        summary=f"Centre social — {department}." if department else "Centre social.",
    )
    structure.full_clean()
    structure.save()
    derived_data_refresh(association=structure)
    return structure, True


@transaction.atomic
def action_upsert(*, parsed: ParsedAction) -> tuple[Action, str, bool]:
    """Create or update the action an export entry describes, with its organising structure.

    Atomic: an entry that fails leaves nothing behind (not even its new structure).
    Returns (action, "created" | "updated" | "unchanged", structure_created)."""
    action = Action.objects.select_for_update().filter(natural_key=parsed.natural_key).first()
    if action is not None and action.source_hash == parsed.content_hash:
        return action, UNCHANGED, False
    structure, structure_created = organising_structure_get_or_create(
        name=parsed.structure_name, department=parsed.structure_department
    )
    outcome = UPDATED if action else CREATED
    if action is None:
        action = Action(
            natural_key=parsed.natural_key,
            slug=_unique_slug(Action, f"{slugify(parsed.title)[:200]}-{parsed.natural_key[:8]}", 220),
        )
    action.title = parsed.title
    action.structure = structure
    action.department = parsed.structure_department
    action.status = status_code(parsed.get("status"))
    for source, target in TEXT_FIELDS.items():
        setattr(action, target, parsed.get(source))
    action.source_hash = parsed.content_hash
    action.source_line = parsed.line
    action.full_clean()
    action.save()
    for source, (attribute, model) in TERM_FIELDS.items():
        getattr(action, attribute).set([model.get_for_label(label) for label in parsed.get(source)])
    return action, outcome, structure_created


def actions_import_text(*, text: str) -> ImportReport:
    """Import every readable entry; one transaction per action, problems reported by line."""
    result = parse_actions(text)
    report = ImportReport(
        read=len(result.actions) + len(result.duplicates),
        duplicates=result.duplicates,
        problems=list(result.problems),
    )
    for parsed in result.actions:
        try:
            action, outcome, structure_created = action_upsert(parsed=parsed)
        except ValidationError as exc:
            report.problems.append(
                Problem(parsed.line, f"fiche « {parsed.title} » non importée : {' '.join(exc.messages)}")
            )
            continue
        except DatabaseError as exc:
            report.problems.append(
                Problem(parsed.line, f"fiche « {parsed.title} » non importée (base de données : {exc})")
            )
            continue
        getattr(report, outcome).append(action.title)
        if structure_created:
            report.structures_created.append(action.structure.name)
    return report


def actions_import_bytes(*, data: bytes) -> ImportReport:
    """Same, from the file's bytes. Raises ActionsFileError when it is not UTF-8 text."""
    return actions_import_text(text=decode(data))
