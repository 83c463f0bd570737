"""Who may see and handle the users' council requests: CCAS staff only (personal data)."""

from __future__ import annotations

from solidaire.accounts.roles import is_ccas_staff


def can_handle(user) -> bool:
    return is_ccas_staff(user)
