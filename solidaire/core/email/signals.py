"""Signals of the e-mail machinery: a service announces that the outbox holds new e-mails, a
handler asks the worker to flush it after commit."""

from django.dispatch import Signal

# Sent when e-mails were written to the outbox (in the current transaction).
outbox_filled = Signal()
