from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ValidationError

from solidaire.core.email.links import site_context
from solidaire.core.email.services import email_queue_message
from solidaire.core.security.ratelimit import client_ip
from solidaire.core.text.limits import EMAIL_MAX_LENGTH, EMAIL_TOO_LONG


class AccountAdapter(DefaultAccountAdapter):
    """Keeps e-mail addresses lower-case so one person cannot hold two accounts, refuses the
    ones too long for the database (allauth would otherwise cut them to fit), and sends
    allauth's e-mails through the portal's outbox (never inside the request). Failed logins
    are counted per client address and account, not per account alone."""

    def clean_email(self, email: str) -> str:
        email = super().clean_email(email).strip().lower()
        if len(email) > EMAIL_MAX_LENGTH:
            raise ValidationError(
                EMAIL_TOO_LONG % {"limit_value": EMAIL_MAX_LENGTH, "show_value": len(email)},
                code="max_length",
            )
        return email

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # allauth's own send_mail adds `current_site`; replacing it must too, or its templates
        # read an empty name (« Bonjour, c'est  ! », « Merci d'utiliser  ! »).
        ctx = {"request": allauth_context.request, "email": email, **site_context(), **context}
        message = self.render_mail(template_prefix, email, ctx)
        email_queue_message(message=message)

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """allauth's "key" bucket of failed logins (ACCOUNT_RATE_LIMITS["login_failed"]) is
        the login alone: anyone could then lock anyone out by failing five times. Keyed on
        the client address and the login, failures from one address stop that address only
        (its "ip" bucket limits stuffing across accounts); both doors, /comptes/login/ and
        /gestion/login/, authenticate through this adapter."""
        login = credentials.get("email", credentials.get("username", "")).lower()
        return f"{get_current_site(request).domain}:{client_ip(request)}:{login}"
