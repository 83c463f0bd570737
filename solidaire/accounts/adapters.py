from allauth.account.adapter import DefaultAccountAdapter

from solidaire.core.email.services import email_queue_message


class AccountAdapter(DefaultAccountAdapter):
    """Keeps e-mail addresses lower-case so one person cannot hold two accounts, and sends
    allauth's e-mails through the portal's outbox (never inside the request)."""

    def clean_email(self, email: str) -> str:
        return super().clean_email(email).strip().lower()

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        message = self.render_mail(template_prefix, email, context)
        email_queue_message(message=message)
