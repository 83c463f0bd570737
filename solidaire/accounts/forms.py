"""The admin's login form, throttled like the portal's."""

from __future__ import annotations

from allauth.account.adapter import get_adapter
from django.contrib.admin.forms import AdminAuthenticationForm


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
