"""Who may do what on the congress: CCAS staff run it; workshop facilitators tend the proposals
of their themes."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from solidaire.accounts.permissions import Loader
from solidaire.accounts.roles import is_ccas_staff

from .models import CongressEdition, Theme

# The edition named by the URL's `year`, handed to the view as `edition`.
EDITION = Loader("edition", lambda year: get_object_or_404(CongressEdition, year=year))


def can_manage_congress(user) -> bool:
    """Dashboard, exports, e-mails to attendees, badges, check-in, the cahier."""
    return is_ccas_staff(user)


def can_manage_edition(user, edition: CongressEdition) -> bool:
    """The staff tools of one edition (every edition alike)."""
    return can_manage_congress(user)


def can_facilitate(user, theme: Theme) -> bool:
    """Group, merge and edit the proposals of a theme: staff, or a facilitator of one of its
    workshops."""
    if not getattr(user, "is_authenticated", False):
        return False
    return is_ccas_staff(user) or theme.sessions.filter(facilitators=user).exists()
