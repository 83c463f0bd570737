"""Who may see what of the indicators and the observatoire."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from solidaire.accounts.roles import is_ccas_staff


def staff_required(view):
    """CCAS staff only: anonymous users go to log in, others get a 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_ccas_staff(request.user):
            raise PermissionDenied("Réservé aux agents du CCAS.")
        return view(request, *args, **kwargs)

    return wrapped
