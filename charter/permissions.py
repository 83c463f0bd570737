"""Who may do what with the charter: sign for a structure, moderate signatures."""

from __future__ import annotations

from associations.structures.models import Association
from associations.structures.permissions import can_manage
from solidaire.accounts.roles import is_ccas_staff


def can_sign_for(user, association: Association) -> bool:
    """Signing commits the structure: its admins (and CCAS staff) only."""
    return can_manage(user, association)


def can_moderate(user) -> bool:
    """Approve, refuse or withdraw signatures, adopt versions, ask to re-sign: CCAS staff."""
    return is_ccas_staff(user)
