"""Who may see and close the reports on a card: CCAS staff, and the structure's admins."""

from __future__ import annotations

from associations.structures.permissions import can_manage


def can_resolve(user, association) -> bool:
    return can_manage(user, association)
