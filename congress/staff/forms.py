"""Forms of the staff tools."""

from __future__ import annotations

from django import forms


class MessageForm(forms.Form):
    subject = forms.CharField(label="Objet", max_length=150)
    body = forms.CharField(label="Message", max_length=5000, widget=forms.Textarea(attrs={"rows": 8}))


class CheckInForm(forms.Form):
    code = forms.CharField(
        label="Code du badge",
        max_length=80,
        help_text="Scannez le code QR du badge ou tapez le code imprimé dessous (8 caractères).",
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
