"""The « signaler une erreur » form of a card."""

from __future__ import annotations

from django import forms

from .models import ReportTopic


class CardReportForm(forms.Form):
    topic = forms.ChoiceField(
        label="Qu'est-ce qui ne va pas ?", choices=ReportTopic.choices, widget=forms.RadioSelect
    )
    message = forms.CharField(
        label="Précisions",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Par exemple : « les horaires ont changé depuis septembre ».",
    )
    email = forms.EmailField(
        label="Votre e-mail (facultatif)",
        required=False,
        help_text="Seulement si vous souhaitez une réponse.",
    )
    # Honeypot: hidden from people (CSS + aria-hidden wrapper in the template), filled by bots.
    site_web = forms.CharField(
        label="Laissez ce champ vide",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != "site_web"]

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("site_web"))
