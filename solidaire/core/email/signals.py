"""Signals of the e-mail machinery: services announce a rendered e-mail, a handler sends it."""

from django.dispatch import Signal

# Sent with `subject`, `body` and `to` when an e-mail is rendered and ready to go.
email_ready = Signal()
