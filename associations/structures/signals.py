"""The directory's domain events: what another app may follow without the directory knowing it.

Each is sent by the service that did the change, never by `save()`: a receiver learns what
happened to a structure (its card's printed fields changed), not that a row was written, and
a write that changes nothing it cares about costs it nothing. Receivers live in the other
apps' `receivers.py` (an architecture test checks each signal here has one).
"""

from __future__ import annotations

from django.dispatch import Signal

# A structure's card changed. Sent by `services.association_card_written` (so by every path
# that edits a card: the structure itself, the CCAS approving a change, the admin, the demo
# data), inside the write's transaction, with `association` and `changed`, the frozenset of
# the names of the fields whose value changed. The charter reprints its signatories' list
# when one of them is renamed, moves to another quartier or changes kind.
association_card_changed = Signal()
