"""What a queued change would change, field by field, as CCAS staff read it: the label, the
current value and the proposed one, each in French (thématiques by name, hours in words,
choices by label, dates and numbers formatted, the old and new logo as images)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.urls import reverse

from associations.structures.hours import humanize
from associations.structures.models import Association, ChangeProposal, Service, Thematique
from associations.structures.taxonomy import ProposalKind
from solidaire.core.text.french import format_date, format_number

IMAGE = "image"
TEXT = "text"


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    before: str
    after: str
    kind: str = TEXT  # IMAGE: before/after are URLs ("" when there is no image)


def _label(field) -> str:
    label = str(field.verbose_name)
    return label[:1].upper() + label[1:]


def _display(field, value, thematiques: dict[int, str]) -> str:
    """One value as staff read it, whatever its form (model value or JSON from the payload)."""
    if value in (None, "", []):
        return ""
    if field.name == "thematiques":
        ids = value if isinstance(value, list) else [t.pk for t in value]
        return ", ".join(thematiques.get(int(pk), f"thématique supprimée ({pk})") for pk in ids)
    if field.name == "opening_hours":
        try:
            return " ; ".join(humanize(str(value))) or str(value)
        except Exception:  # hours that no longer parse: show them as typed
            return str(value)
    choices = dict(field.choices) if getattr(field, "choices", None) else None
    if isinstance(value, list):
        return ", ".join(str(choices.get(v, v)) if choices else str(v) for v in value)
    if choices:
        return str(choices.get(value, value))
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    internal = field.get_internal_type()
    if internal == "DateField":
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        return format_date(day, weekday=False)
    if internal in {
        "DecimalField",
        "FloatField",
        "IntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
    }:
        try:
            return format_number(Decimal(str(value)))
        except InvalidOperation:
            return str(value)
    return str(value)


def proposal_diff(
    proposal: ChangeProposal, *, thematiques: dict[int, str] | None = None
) -> list[FieldChange]:
    """The changed fields of a queued change (unchanged ones left out), before → after."""
    if proposal.kind == ProposalKind.SERVICE_DELETE:
        return []
    model = Association if proposal.kind == ProposalKind.CARD else Service
    current = proposal.association if model is Association else proposal.service
    if thematiques is None:
        thematiques = dict(Thematique.objects.values_list("pk", "label"))
    changes = []
    for name, value in proposal.payload.items():
        try:
            field = model._meta.get_field(name)
        except Exception:  # a field removed since the proposal was made
            changes.append(FieldChange(name, name, "", str(value)))
            continue
        if name == "logo":
            before = current.logo.url if current is not None and current.logo else ""
            after = reverse("associations:staff_change_logo", kwargs={"pk": proposal.pk}) if value else ""
            changes.append(FieldChange(name, _label(field), before, after, IMAGE))
            continue
        if current is None:
            old = None
        elif name == "thematiques":
            old = [t.pk for t in current.thematiques.all()]  # prefetched by the page
        else:
            old = getattr(current, name)
        before, after = _display(field, old, thematiques), _display(field, value, thematiques)
        if before != after:
            changes.append(FieldChange(name, _label(field), before, after))
    return changes


def proposals_with_diffs(proposals: list[ChangeProposal]) -> list[tuple[ChangeProposal, list[FieldChange]]]:
    """Each proposal with its diff; the thématiques' names are read once for the whole page."""
    thematiques = dict(Thematique.objects.values_list("pk", "label"))
    return [(p, proposal_diff(p, thematiques=thematiques)) for p in proposals]
