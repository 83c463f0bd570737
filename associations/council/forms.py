"""The form to join the users' council."""

from __future__ import annotations

from django import forms

from associations.structures.models import Association
from associations.structures.taxonomy import PublicationStatus
from solidaire.core.security.spam import HoneypotFormMixin

from .models import RETENTION_MONTHS


class CouncilRequestForm(HoneypotFormMixin, forms.Form):
    name = forms.CharField(label="Votre nom ou prénom", max_length=150)
    phone = forms.CharField(label="Téléphone", max_length=20, required=False)
    email = forms.EmailField(label="E-mail", required=False)
    accompanying_structure = forms.ModelChoiceField(
        label="Structure qui vous accompagne (si c'est le cas)",
        queryset=Association.objects.filter(status=PublicationStatus.PUBLISHED).only("id", "name"),
        required=False,
        empty_label="Aucune, ou je ne sais pas",
    )
    accompanying_other = forms.CharField(
        label="Autre structure (si elle n'est pas dans la liste)", max_length=200, required=False
    )
    availability = forms.CharField(
        label="Vos disponibilités",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Par exemple : « le mardi après-midi », « plutôt le soir ».",
    )
    consent = forms.BooleanField(
        label=f"J'accepte que le CCAS du Mans conserve ces informations pour me recontacter au sujet "
        f"du conseil des usagers. Elles sont conservées {RETENTION_MONTHS} mois au plus, puis effacées.",
        error_messages={"required": "Cochez cette case pour que le CCAS puisse vous recontacter."},
    )

    def clean(self):
        data = super().clean()
        if (
            not data.get("phone", "").strip()
            and not data.get("email", "").strip()
            and not self.errors.get("email")
        ):
            self.add_error("phone", "Indiquez un téléphone ou une adresse e-mail pour être recontacté·e.")
        return data
