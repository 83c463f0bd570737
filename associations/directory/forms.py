"""Forms of the directory: the public card, a service, a new structure, staff and membership decisions."""

from __future__ import annotations

from django import forms

from associations.structures.hours import compose, decompose, validate_opening_hours
from associations.structures.models import Association, Service, Thematique
from associations.structures.services import CARD_FIELDS, SERVICE_FIELDS
from associations.structures.taxonomy import MembershipRole


class AssociationCardForm(forms.ModelForm):
    class Meta:
        model = Association
        # The hours are written with the per-day editor beside this form (HoursEditorForm,
        # prefix "horaires"), not typed in the OpenStreetMap syntax.
        fields = [name for name in CARD_FIELDS if name != "opening_hours"]
        widgets = {
            "mission": forms.Textarea(attrs={"rows": 4}),
            "founded_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "closed_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "closed_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
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


DAY_LABELS = ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"]
SLOT_PARTS = [
    ("open1", "Ouverture"),
    ("close1", "Fermeture"),
    ("open2", "2ᵉ ouverture"),
    ("close2", "2ᵉ fermeture"),
]


def _minutes(value) -> int | None:
    return None if value is None else value.hour * 60 + value.minute


def _clock(minutes: int) -> str:
    return f"{minutes // 60}\u00a0h" + (f"\u00a0{minutes % 60:02d}" if minutes % 60 else "")


class HoursEditorForm(forms.Form):
    """Opening hours day by day (one or two slots a day), closed on public holidays, an
    exceptional closure; it writes the OSM syntax. Those who know that syntax may type it in
    the last field instead: when it differs from the current rule, it wins."""

    ph_closed = forms.BooleanField(label="Fermé les jours fériés", required=False)
    closed_from = forms.DateField(
        label="Fermeture exceptionnelle : du",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    closed_until = forms.DateField(
        label="au (inclus)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Laisser vide si la date de réouverture n'est pas connue.",
    )
    closure_message = forms.CharField(
        label="Message affiché pendant la fermeture", max_length=300, required=False
    )
    osm = forms.CharField(
        label="Ou, pour qui le connaît : le format OpenStreetMap",
        max_length=255,
        required=False,
        help_text="Ex. « Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off ».",
    )

    def __init__(self, *args, expression: str = "", **kwargs):
        self.expression = expression or ""
        decomposed = decompose(self.expression)
        self.only_osm = decomposed is None
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("osm", self.expression)
        if decomposed:
            days, ph_closed = decomposed
            initial.setdefault("ph_closed", ph_closed)
            for day, slots in enumerate(days):
                for n, (opens, closes) in enumerate(slots[:2], start=1):
                    initial.setdefault(f"d{day}_open{n}", f"{opens // 60:02d}:{opens % 60:02d}")
                    initial.setdefault(
                        f"d{day}_close{n}",
                        "00:00" if closes == 1440 else f"{closes // 60:02d}:{closes % 60:02d}",
                    )
        super().__init__(*args, **kwargs)
        for day, label in enumerate(DAY_LABELS):
            for part, part_label in SLOT_PARTS:
                self.fields[f"d{day}_{part}"] = forms.TimeField(
                    label=f"{label} — {part_label.lower()}",
                    required=False,
                    widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                    error_messages={"invalid": "Heure illisible : utilisez le format 09:30."},
                )

    @property
    def day_rows(self):
        """(day label, its four bound fields) for the template."""
        return [
            (label, [self[f"d{day}_{part}"] for part, _ in SLOT_PARTS])
            for day, label in enumerate(DAY_LABELS)
        ]

    def _day_slots(self, data, day: int) -> list[tuple[int, int]]:
        slots = []
        for n in (1, 2):
            opens, closes = _minutes(data.get(f"d{day}_open{n}")), _minutes(data.get(f"d{day}_close{n}"))
            if opens is None and closes is None:
                continue
            if opens is None or closes is None:
                missing = f"d{day}_open{n}" if opens is None else f"d{day}_close{n}"
                self.add_error(missing, "Indiquez l'heure d'ouverture et celle de fermeture de ce créneau.")
                continue
            if closes == 0:
                closes = 1440  # "00:00" as a closing time means midnight
            if closes <= opens:
                self.add_error(
                    f"d{day}_close{n}",
                    f"La fermeture ({_clock(closes)}) doit venir après l'ouverture ({_clock(opens)}).",
                )
                continue
            slots.append((opens, closes))
        if len(slots) == 2:
            slots.sort()
            if slots[1][0] < slots[0][1]:
                self.add_error(f"d{day}_open2", "Les deux créneaux de la journée se chevauchent.")
                return []
        return slots

    def clean(self):
        data = super().clean()
        osm = (data.get("osm") or "").strip()
        if osm != self.expression.strip() or self.only_osm:
            try:
                validate_opening_hours(osm)
            except forms.ValidationError as exc:
                self.add_error("osm", exc)
            data["opening_hours"] = osm
        else:
            days = [self._day_slots(data, day) for day in range(7)]
            data["opening_hours"] = compose(days, closed_on_holidays=bool(data.get("ph_closed")))
        start, end = data.get("closed_from"), data.get("closed_until")
        if end and not start:
            self.add_error("closed_from", "Indiquez le premier jour de la fermeture.")
        if start and end and end < start:
            self.add_error("closed_until", "La fin de la fermeture précède son début.")
        return data
