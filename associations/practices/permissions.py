"""Who may write, publish and read inspiring practices."""

from __future__ import annotations

from associations.structures.permissions import can_edit
from solidaire.accounts.roles import is_ccas_staff

from .models import Practice


def can_write(user, association) -> bool:
    """Write or submit a practice for a structure: its approved members and CCAS staff."""
    return can_edit(user, association)


def can_publish(user) -> bool:
    """Publish, archive, print the booklet: CCAS staff."""
    return is_ccas_staff(user)


def can_view(user, practice: Practice) -> bool:
    """A published practice is public; a draft is seen by its structure's members and staff."""
    return practice.is_published or can_write(user, practice.association)
