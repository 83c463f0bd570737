"""The « signaler une erreur » form of a card."""

from __future__ import annotations

from django import forms

from solidaire.core.security.spam import HoneypotFormMixin

from .models import ReportTopic


class CardReportForm(HoneypotFormMixin, forms.Form):
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
