"""Who may do what with a structure. Every view touching a structure's data goes through here."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from solidaire.accounts.permissions import Loader, permission_required
from solidaire.accounts.roles import is_ccas_staff

from .models import Association, Membership
from .taxonomy import MembershipRole, MembershipStatus


def _active_membership(user, association: Association) -> Membership | None:
    if not getattr(user, "is_authenticated", False):
        return None
    cache = getattr(user, "_membership_cache", None)
    if cache is None:
        cache = user._membership_cache = {}
    if association.pk not in cache:
        cache[association.pk] = Membership.objects.filter(
            user=user, association=association, status=MembershipStatus.APPROVED
        ).first()
    return cache[association.pk]


def can_view_private(user, association: Association) -> bool:
    """The member area (members, requests, drafts): its approved members and CCAS staff."""
    return is_ccas_staff(user) or _active_membership(user, association) is not None


def can_edit(user, association: Association) -> bool:
    """Edit the public card and services: any approved member, and CCAS staff."""
    return can_view_private(user, association)


def can_manage(user, association: Association) -> bool:
    """Decide on membership requests, sign for the structure: its admins and CCAS staff."""
    if is_ccas_staff(user):
        return True
    membership = _active_membership(user, association)
    return membership is not None and membership.role == MembershipRole.ADMIN


def can_request_membership(user, association: Association) -> bool:
    return getattr(user, "is_authenticated", False) and association.is_published


# The structure named by the URL's `slug`, handed to the view as `association`.
ASSOCIATION = Loader("association", lambda slug: get_object_or_404(Association, slug=slug))


def association_permission_required(check):
    """The gate for a structure's pages: `check(user, association)`."""
    return permission_required(check, load=ASSOCIATION, message="Vous n'avez pas accès à cette structure.")
