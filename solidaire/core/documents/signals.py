"""Signals of the documents machinery: services announce, handlers act (after commit)."""

from django.dispatch import Signal

# Sent with `document_id` when a document's rendering is asked for.
document_queued = Signal()
