from __future__ import annotations

from django import forms

from associations.structures.models import Association
from solidaire.core.text.markdown import FORMATTING_HELP

from .models import EventProposal

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _datetime_widget():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)


class ProposalForm(forms.ModelForm):
    association = forms.ModelChoiceField(
        label="Structure qui propose",
        queryset=Association.objects.none(),
        empty_label=None,
        to_field_name="slug",
    )

    class Meta:
        model = EventProposal
        fields = [
            "title",
            "kind",
            "recurring",
            "description",
            "starts_at",
            "ends_at",
            "venue_name",
            "street",
            "image",
            "image_alt",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "starts_at": _datetime_widget(),
            "ends_at": _datetime_widget(),
        }
        help_texts = {
            "description": FORMATTING_HELP,
            "starts_at": "Date et heure de début (heure de Paris).",
            "image_alt": "Obligatoire avec une image : ce qu'elle montre.",
        }

    def __init__(self, *args, associations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if associations is None:
            del self.fields["association"]
        else:
            self.fields["association"].queryset = associations
            self.order_fields(["association", *self.Meta.fields])
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]
        self.fields["image"].help_text = (
            "Facultative : PNG, JPEG, WebP ou GIF, 1 Mo et 4096 × 4096 pixels au plus. Elle reste privée "
            "jusqu'à la publication de la proposition."
        )

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", "La fin doit venir après le début.")
        if data.get("image") and not (data.get("image_alt") or "").strip():
            self.add_error("image_alt", "Décrivez l'image pour les personnes qui ne la voient pas.")
        return data

    def _post_clean(self):
        # The service checks and saves the proposal; its model checks need the structure.
        pass


class ProposalDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Décision",
        choices=[("publish", "Publier"), ("changes", "Demander des modifications"), ("refuse", "Refuser")],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label="Message à la structure",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
