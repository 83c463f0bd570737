"""The sign-up asks for the person's name: e-mails and member lists then read « Marie Durand »
rather than an address (mixed into allauth's form by ACCOUNT_SIGNUP_FORM_CLASS)."""

from __future__ import annotations

from django import forms


class SignupNameForm(forms.Form):
    full_name = forms.CharField(
        label="Prénom et nom",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "Indiquez votre prénom et votre nom."},
    )

    def clean_full_name(self) -> str:
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise forms.ValidationError("Indiquez votre prénom et votre nom.")
        return name

    def signup(self, request, user) -> None:
        """Called by allauth once the account exists: keep the name typed."""
        user.full_name = self.cleaned_data["full_name"]
        user.save(update_fields=["full_name"])
