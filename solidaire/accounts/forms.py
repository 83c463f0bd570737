"""Account forms: the sign-up asks for the person's name (e-mails and member lists then read
« Marie Durand » rather than an address; mixed into allauth's form by ACCOUNT_SIGNUP_FORM_CLASS),
and the admin's login form, throttled like the portal's."""

from __future__ import annotations

from allauth.account.adapter import get_adapter
from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm


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


class StaffLoginForm(AdminAuthenticationForm):
    """`/gestion/login/` checks the password through allauth's adapter, so the admin door shares
    the portal's login limits (ACCOUNT_RATE_LIMITS["login_failed"]: per address and per
    account, the same buckets) and shows the same French message once they are reached."""

    def clean(self):
        email = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if email is not None and password:
            # Raises the "too many attempts" ValidationError before checking the password.
            self.user_cache = get_adapter(self.request).authenticate(
                self.request, email=email.strip().lower(), password=password
            )
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data
