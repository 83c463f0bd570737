"""Who may do what with the charter: sign for a structure, moderate signatures."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from associations.structures.models import Association
from associations.structures.permissions import can_manage
from solidaire.accounts.roles import is_ccas_staff


def can_sign_for(user, association: Association) -> bool:
    """Signing commits the structure: its admins (and CCAS staff) only."""
    return can_manage(user, association)


def can_moderate(user) -> bool:
    """Approve, refuse or withdraw signatures, adopt versions, ask to re-sign: CCAS staff."""
    return is_ccas_staff(user)


def moderator_required(view):
    """View decorator: anonymous users go to log in, non-staff get a 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_moderate(request.user):
            raise PermissionDenied("Cette page est réservée à l'équipe du CCAS.")
        return view(request, *args, **kwargs)

    return wrapped
