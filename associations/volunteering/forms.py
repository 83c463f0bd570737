"""Forms of the volunteering pages. Business rules live in volunteering/services.py."""

from __future__ import annotations

from django import forms

from associations.structures.taxonomy import Quartier
from solidaire.core.security.spam import HoneypotFormMixin
from solidaire.core.text.limits import EMAIL_MAX_LENGTH, EMAIL_TOO_LONG

from .models import VolunteerMission


class MissionForm(forms.Form):
    title = forms.CharField(label="Intitulé de la mission", max_length=200)
    description = forms.CharField(
        label="Description",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text="Ce que fera la personne bénévole, avec qui, où.",
    )
    skills = forms.CharField(
        label="Compétences recherchées",
        required=False,
        max_length=700,
        help_text="Séparées par des virgules, par exemple&nbsp;: accueil, cuisine, informatique.",
    )
    time_commitment = forms.CharField(
        label="Disponibilité demandée",
        max_length=200,
        help_text="Par exemple&nbsp;: 2 heures par semaine, le mardi matin.",
    )
    quartier = forms.ChoiceField(
        label="Quartier", required=False, choices=[("", "Non précisé"), *Quartier.choices]
    )

    @classmethod
    def initial_for(cls, mission: VolunteerMission) -> dict:
        return {
            "title": mission.title,
            "description": mission.description,
            "skills": ", ".join(skill.label for skill in mission.skills.all()),
            "time_commitment": mission.time_commitment,
            "quartier": mission.quartier,
        }


class InterestForm(HoneypotFormMixin, forms.Form):
    name = forms.CharField(
        label="Vos prénom et nom", max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label="Votre adresse e-mail",
        max_length=EMAIL_MAX_LENGTH,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text="La structure vous répondra à cette adresse.",
        error_messages={
            "invalid": "Saisissez une adresse e-mail valide, par exemple prenom.nom@exemple.fr.",
            "max_length": EMAIL_TOO_LONG,
        },
    )
    message = forms.CharField(
        label="Votre message",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Vos disponibilités, ce qui vous motive…",
    )
    consent = forms.BooleanField(
        label="J'accepte que ces informations soient transmises à la structure qui propose la "
        "mission et conservées pour le suivi de ma proposition.",
        error_messages={
            "required": "Cochez cette case pour que votre proposition puisse être transmise à la structure."
        },
    )
