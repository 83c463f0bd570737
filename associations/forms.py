from django import forms

from .models import MembershipRole


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
