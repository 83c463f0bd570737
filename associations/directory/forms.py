"""Forms of the directory: the public card, a service, a new structure, staff and membership decisions."""

from __future__ import annotations

from django import forms

from associations.structures.models import Association, Service, Thematique
from associations.structures.services import CARD_FIELDS, SERVICE_FIELDS
from associations.structures.taxonomy import MembershipRole


class AssociationCardForm(forms.ModelForm):
    class Meta:
        model = Association
        fields = CARD_FIELDS
        widgets = {
            "mission": forms.Textarea(attrs={"rows": 4}),
            "founded_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}),
        }
        help_texts = {
            "latitude": "Ex. 48.0061 (Le Mans). Laissez vide si inconnue.",
            "longitude": "Ex. 0.1996.",
        }


class ServiceForm(forms.ModelForm):
    thematiques = forms.ModelMultipleChoiceField(
        label="Thématiques",
        queryset=Thematique.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Service
        fields = SERVICE_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "closed_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "closed_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class StructureProposalForm(forms.ModelForm):
    message = forms.CharField(
        label="Message pour le CCAS",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Facultatif : votre rôle dans la structure, comment vous joindre.",
    )

    class Meta:
        model = Association
        fields = [
            "name",
            "kind",
            "summary",
            "street",
            "postcode",
            "city",
            "quartier",
            "phone",
            "email",
            "website",
        ]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label="Décision", choices=[("approve", "Publier"), ("reject", "Refuser")])
    reason = forms.CharField(label="Motif (en cas de refus)", required=False, max_length=300)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not data.get("reason", "").strip():
            self.add_error("reason", "Indiquez le motif du refus.")
        return data


class MembershipRequestForm(forms.Form):
    message = forms.CharField(
        label="Message pour les responsables de la structure",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Facultatif : votre fonction, pourquoi vous souhaitez rejoindre la structure.",
    )


class MembershipDecisionForm(forms.Form):
    decision = forms.ChoiceField(label="Décision", choices=[("approve", "Accepter"), ("reject", "Refuser")])
    role = forms.ChoiceField(label="Rôle", choices=MembershipRole.choices, initial=MembershipRole.MEMBER)
    reason = forms.CharField(label="Motif (en cas de refus)", required=False, max_length=300)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not data.get("reason", "").strip():
            self.add_error("reason", "Indiquez le motif du refus.")
        return data
