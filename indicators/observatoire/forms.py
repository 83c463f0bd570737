"""The staff form that launches a report: its kind and parameters, checked before anything is
queued (a year without validated sheets is refused here with a clear message)."""

from __future__ import annotations

from django import forms

from associations.structures.models import Association
from indicators.catalogue.models import Campaign, Family
from indicators.sheets.models import SheetStatus

from . import documents, selectors

KIND_CHOICES = [
    (documents.ANNUAL, "Rapport annuel du réseau"),
    (documents.THEMATIC, "Tableau thématique (une famille d'indicateurs)"),
    (documents.STRUCTURE, "Fiche structure"),
]

# Which fields each kind of document uses, beyond its kind: the page shows only these (fieldsets
# per kind, static/js/report-form.js) and `clean` refuses the others, so that what is produced
# is what the form said.
FIELDS_BY_KIND = {
    documents.ANNUAL: ("year", "internal"),
    documents.THEMATIC: ("year", "family", "internal"),
    documents.STRUCTURE: ("year", "structure"),
}
FIELD_NAMES = {
    "year": "la campagne",
    "family": "la famille d'indicateurs",
    "structure": "la structure",
    "internal": "la version interne",
}
KIND_NAMES = {
    documents.ANNUAL: "au rapport annuel",
    documents.THEMATIC: "au tableau thématique",
    documents.STRUCTURE: "à la fiche structure",
}


def _kinds_using(field: str) -> str:
    """« au rapport annuel et au tableau thématique »: where a field applies, for its help."""
    kinds = [KIND_NAMES[kind] for kind, fields in FIELDS_BY_KIND.items() if field in fields]
    return kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " et " + kinds[-1]


class ReportForm(forms.Form):
    kind = forms.ChoiceField(
        label="Document", choices=KIND_CHOICES, widget=forms.RadioSelect, initial=documents.ANNUAL
    )
    year = forms.TypedChoiceField(
        label="Campagne",
        coerce=int,
        choices=[],
        help_text="Rapport annuel et tableau : les chiffres de cette campagne, comparés aux précédentes. "
        "Fiche structure : les campagnes jusqu'à celle-ci.",
    )
    family = forms.ChoiceField(
        label="Famille d'indicateurs",
        choices=[("", "— choisir —"), *Family.choices],
        required=False,
        help_text="Tableau thématique seulement.",
    )
    structure = forms.ModelChoiceField(
        label="Structure",
        queryset=Association.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label="— choisir —",
        help_text="Fiche structure seulement.",
    )
    internal = forms.BooleanField(
        label="Version interne, sans secret statistique (réservée aux agents, marquée « document interne »)",
        required=False,
        help_text="Rapport annuel et tableau thématique seulement.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = Campaign.objects.order_by("-year").values_list("year", flat=True)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["structure"].queryset = Association.objects.filter(sheets__isnull=False).distinct()

    def fieldsets(self) -> list[dict]:
        """The optional fields grouped by the kinds that use them, for the template:
        [{"fields": [bound field], "kinds": "observatoire.thematic", "legend": …}]."""
        groups = []
        for name in ("family", "structure", "internal"):
            kinds = [kind for kind, fields in FIELDS_BY_KIND.items() if name in fields]
            groups.append(
                {
                    "field": self[name],
                    "kinds": " ".join(kinds),
                    "applies": f"S'applique {_kinds_using(name)}.",
                }
            )
        return groups

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind not in FIELDS_BY_KIND:
            return data
        used = FIELDS_BY_KIND[kind]
        for name in ("family", "structure", "internal"):
            if name not in used and self.data.get(name) not in (None, "", "off"):
                self.add_error(
                    name,
                    f"{FIELD_NAMES[name].capitalize()} ne s'applique pas {KIND_NAMES[kind]} : ne "
                    f"s'applique {_kinds_using(name)}. Laissez ce champ vide.",
                )
        year = data.get("year")
        if kind == documents.STRUCTURE:
            structure = data.get("structure")
            if not structure:
                self.add_error("structure", "Choisissez la structure de la fiche.")
            elif (
                year
                and not structure.sheets.filter(campaign__year__lte=year)
                .exclude(status=SheetStatus.DRAFT)
                .exists()
            ):
                self.add_error(
                    "year",
                    f"{structure.name} n'a transmis aucune fiche jusqu'à la campagne {year} : "
                    "choisissez une campagne plus récente.",
                )
            return data
        if kind == documents.THEMATIC and not data.get("family"):
            self.add_error("family", "Choisissez la famille d'indicateurs du tableau.")
        if year and year not in selectors.years_with_validated_sheets():
            self.add_error(
                "year",
                f"Aucune fiche validée pour la campagne {year} : le rapport serait vide. Validez "
                "des fiches d'abord, ou choisissez une autre année.",
            )
        return data

    def params(self) -> dict:
        """Only the parameters of the chosen kind: the document produced is the one asked for."""
        data = self.cleaned_data
        if data["kind"] == documents.STRUCTURE:
            return {"structure": data["structure"].pk, "year": data["year"]}
        params = {"year": data["year"], "internal": data["internal"]}
        if data["kind"] == documents.THEMATIC:
            params["family"] = data["family"]
        return params
