"""Who may do what with events, in one place: views call these, services check them again."""

from __future__ import annotations

from associations.structures.models import Association
from associations.structures.permissions import can_edit
from solidaire.accounts.roles import is_ccas_staff


def can_act_for(user, association: Association) -> bool:
    """Apply to an edition or propose an initiative for a structure: its approved members (and
    CCAS staff, who may do it on a structure's behalf)."""
    return (
        bool(getattr(user, "is_authenticated", False))
        and association.is_published
        and can_edit(user, association)
    )


def can_decide(user) -> bool:
    """Accept or decline participations, publish or refuse proposals: CCAS staff."""
    return is_ccas_staff(user)


STAFF_ONLY = "Page réservée au CCAS."
