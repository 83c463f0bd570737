"""The staff form that launches a report: its kind and parameters, checked before anything is
queued (a year without validated sheets is refused here with a clear message)."""

from __future__ import annotations

from django import forms

from associations.structures.models import Association
from indicators.catalogue.models import Campaign, Family

from . import documents, selectors

KIND_CHOICES = [
    (documents.ANNUAL, "Rapport annuel du réseau"),
    (documents.THEMATIC, "Tableau thématique (une famille d'indicateurs)"),
    (documents.STRUCTURE, "Fiche structure"),
]


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label="Document", choices=KIND_CHOICES, widget=forms.RadioSelect)
    year = forms.TypedChoiceField(label="Campagne", coerce=int, choices=[])
    family = forms.ChoiceField(
        label="Famille d'indicateurs (tableau thématique)", choices=Family.choices, required=False
    )
    structure = forms.ModelChoiceField(
        label="Structure (fiche structure)",
        queryset=Association.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label="— choisir —",
    )
    internal = forms.BooleanField(
        label="Version interne, sans secret statistique (réservée aux agents, marquée « document interne »)",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = Campaign.objects.order_by("-year").values_list("year", flat=True)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["structure"].queryset = Association.objects.filter(sheets__isnull=False).distinct()

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == documents.STRUCTURE:
            if not data.get("structure"):
                self.add_error("structure", "Choisissez la structure de la fiche.")
            return data
        if kind == documents.THEMATIC and not data.get("family"):
            self.add_error("family", "Choisissez la famille d'indicateurs du tableau.")
        year = data.get("year")
        if year and year not in selectors.years_with_validated_sheets():
            self.add_error(
                "year",
                f"Aucune fiche validée pour la campagne {year} : le rapport serait vide. Validez "
                "des fiches d'abord, ou choisissez une autre année.",
            )
        return data

    def params(self) -> dict:
        data = self.cleaned_data
        if data["kind"] == documents.STRUCTURE:
            return {"structure": data["structure"].pk}
        params = {"year": data["year"], "internal": data["internal"]}
        if data["kind"] == documents.THEMATIC:
            params["family"] = data["family"]
        return params
