"""The registration form: identity, days, one workshop per slot, lunches, needs, consents.
Its choices come from the edition's programme; the services re-check everything."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.functional import lazy

from congress.editions.models import CongressEdition, Session
from solidaire.core.security.spam import HONEYPOT, HoneypotFormMixin
from solidaire.core.text.french import format_date, format_number

from .models import (
    IDENTITY_FIELDS,
    NEEDS_AND_CONSENTS,
    PERSONAL_FIELDS,
    Civility,
    OrganisationKind,
    Registration,
)
from .selectors import FormChoices
from .services import Choices

NO_WORKSHOP = ""


def _session_label(session: Session, choices: FormChoices | None = None) -> str:
    """The session as the form offers it; the places left fresh from `choices` when given."""
    label = session.title
    if session.room:
        label += f" — {session.room_label}"
    if session.capacity is not None:
        left = choices.places_left(session) if choices is not None else session.places_left
        if left:
            label += (
                f" ({format_number(left)} place{'s' if left > 1 else ''} restante{'s' if left > 1 else ''})"
            )
        else:
            label += " (complet : liste d'attente)"
    return label


def _lunch_label(lunch: Session, choices: FormChoices) -> str:
    return f"Je déjeune sur place le {format_date(lunch.day.date)} ({_session_label(lunch, choices)})"


# The labels tell the places left: written only when the form is shown, so that a form sent and
# accepted (then redirected) never reads the counters.
_lazy_label = lazy(lambda build, session, choices: build(session, choices), str)


class RegistrationForm(HoneypotFormMixin, forms.Form):
    civility = forms.ChoiceField(label="Civilité", choices=Civility.choices, widget=forms.RadioSelect)
    last_name = forms.CharField(
        label="Nom", max_length=100, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    first_name = forms.CharField(
        label="Prénom", max_length=100, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    email = forms.EmailField(
        label="Adresse e-mail",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text="Vous y recevrez le lien pour confirmer votre inscription.",
        error_messages={"invalid": "Saisissez une adresse e-mail valide, par exemple prenom.nom@exemple.fr."},
    )
    phone = forms.CharField(
        label="Téléphone (facultatif)",
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    organisation = forms.CharField(
        label="Organisme (facultatif)",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    organisation_kind = forms.ChoiceField(
        label="Type d'organisme", choices=[("", "Choisissez…"), *OrganisationKind.choices]
    )
    role = forms.CharField(
        label="Fonction (facultatif)",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    city = forms.CharField(
        label="Ville", max_length=100, widget=forms.TextInput(attrs={"autocomplete": "address-level2"})
    )
    country = forms.CharField(
        label="Pays",
        max_length=100,
        initial="France",
        widget=forms.TextInput(attrs={"autocomplete": "country-name"}),
    )
    dietary_needs = forms.CharField(
        label="Régime alimentaire (facultatif)",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Végétarien, sans porc, allergies…",
    )
    accessibility_needs = forms.CharField(
        label="Besoins d'accessibilité (facultatif)",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Fauteuil roulant, boucle magnétique, interprète en langue des signes…",
    )
    accept_waiting_list = forms.BooleanField(
        label="M'inscrire sur la liste d'attente si c'est complet",
        required=False,
        initial=True,
        help_text="Si une place se libère, vous recevrez un e-mail pour la confirmer.",
    )
    consent_processing = forms.BooleanField(
        label="J'accepte que ces informations soient traitées par le CCAS du Mans pour organiser le congrès.",
        error_messages={
            "required": "Cochez cette case : sans votre accord, nous ne pouvons pas vous inscrire."
        },
    )
    consent_public_list = forms.BooleanField(
        label="J'accepte de figurer dans la liste publique des participant·es (nom, organisme, ville).",
        required=False,
    )
    consent_image = forms.BooleanField(
        label="J'autorise la Ville du Mans à utiliser des photos ou vidéos où j'apparais.", required=False
    )

    def __init__(self, *args, edition: CongressEdition, choices: FormChoices, change: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.programme = choices
        self.fields["consent_processing"].help_text = (
            f"Vos données sont conservées {settings.CONGRESS_ANONYMISE_AFTER_DAYS // 30} mois "
            "après le congrès, "
            "puis anonymisées. Vous pouvez les consulter, les télécharger et les effacer à tout moment "
            "depuis le lien personnel reçu par e-mail."
        )
        self.fields["days"] = forms.MultipleChoiceField(
            label="Jours de présence",
            choices=[(str(day.pk), format_date(day.date)) for day in choices.days],
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": "Choisissez au moins un jour de présence."},
        )
        self._sessions: dict[str, Session] = {}
        for slot in choices.slots:
            self.fields[slot.key] = forms.ChoiceField(
                label=slot.label,
                required=False,
                choices=[
                    (NO_WORKSHOP, "Pas d'atelier"),
                    *((str(s.pk), _lazy_label(_session_label, s, choices)) for s in slot.sessions),
                ],
                widget=forms.RadioSelect,
                initial=NO_WORKSHOP,
            )
            self._sessions.update({str(s.pk): s for s in slot.sessions})
        for lunch in choices.lunches:
            name = f"lunch_{lunch.pk}"
            self.fields[name] = forms.BooleanField(
                label=_lazy_label(_lunch_label, lunch, choices),
                required=False,
            )
            self._sessions[str(lunch.pk)] = lunch
        if change:
            for name in [*IDENTITY_FIELDS, "consent_processing", HONEYPOT]:
                del self.fields[name]
        self.order_fields(
            [
                *IDENTITY_FIELDS,
                "days",
                *(slot.key for slot in choices.slots),
                *(f"lunch_{lunch.pk}" for lunch in choices.lunches),
                "accept_waiting_list",
                "dietary_needs",
                "accessibility_needs",
                "consent_processing",
                "consent_public_list",
                "consent_image",
            ]
        )

    @classmethod
    def initial_for(cls, registration: Registration, choices: FormChoices) -> dict:
        initial = {name: getattr(registration, name) for name in NEEDS_AND_CONSENTS}
        initial["days"] = [str(day.pk) for day in registration.days.all()]
        booked = {b.session_id for b in registration.bookings.all() if b.status != "released"}
        for slot in choices.slots:
            initial[slot.key] = next((str(s.pk) for s in slot.sessions if s.pk in booked), NO_WORKSHOP)
        for lunch in choices.lunches:
            initial[f"lunch_{lunch.pk}"] = lunch.pk in booked
        return initial

    def personal(self) -> dict:
        return {name: self.cleaned_data[name] for name in PERSONAL_FIELDS if name in self.cleaned_data}

    def choices(self) -> Choices:
        days = {str(day.pk): day for day in self.programme.days}
        sessions = [
            self._sessions[self.cleaned_data[slot.key]]
            for slot in self.programme.slots
            if self.cleaned_data.get(slot.key)
        ]
        sessions += [lunch for lunch in self.programme.lunches if self.cleaned_data.get(f"lunch_{lunch.pk}")]
        return Choices(
            days=[days[pk] for pk in self.cleaned_data["days"]],
            sessions=sessions,
            accept_waiting_list=self.cleaned_data.get("accept_waiting_list", False),
        )
