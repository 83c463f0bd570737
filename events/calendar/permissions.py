"""Who may do what with events, in one place: views call these, services check them again."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

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


def staff_gate(request: HttpRequest) -> HttpResponse | None:
    """For the CCAS's event pages: anonymous visitors are sent to log in (returned response),
    other signed-in users get a 403; None lets CCAS staff through."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_decide(request.user):
        raise PermissionDenied("Page réservée au CCAS.")
    return None
