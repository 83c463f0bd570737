"""Writes on memberships: requests to join a structure and their decision. Keyword-only, atomic."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from solidaire.accounts.roles import is_ccas_staff
from solidaire.core.email.services import email_send
from solidaire.core.links import absolute_url

from .models import Association, Membership
from .permissions import can_manage, can_request_membership
from .taxonomy import MembershipRole, MembershipStatus


def membership_request_recipients(association: Association) -> list[str]:
    """Who answers a request to join: the structure's admins, else the CCAS ([] means the CCAS)."""
    return list(
        association.memberships.filter(status=MembershipStatus.APPROVED, role=MembershipRole.ADMIN)
        .values_list("user__email", flat=True)
        .order_by("user__email")
    )


@transaction.atomic
def membership_request(*, user, association: Association, message: str = "") -> Membership:
    """A signed-in user asks to act for a structure; its admins (or, without any, the CCAS) are
    told by e-mail, with a link to the page where they decide."""
    if not can_request_membership(user, association):
        raise PermissionDenied("Cette structure n'accepte pas de demande pour le moment.")
    membership = Membership.objects.select_for_update().filter(user=user, association=association).first()
    if membership and membership.status == MembershipStatus.APPROVED:
        raise ValidationError("Vous êtes déjà membre de cette structure.")
    if membership and membership.status == MembershipStatus.REQUESTED:
        raise ValidationError("Votre demande est déjà en attente de validation.")
    if membership is None:
        membership = Membership(user=user, association=association)
    membership.status = MembershipStatus.REQUESTED
    membership.role = MembershipRole.MEMBER
    membership.message = message.strip()
    membership.decided_at = None
    membership.decided_by = None
    membership.decision_reason = ""
    membership.full_clean()
    membership.save()
    admins = membership_request_recipients(association)
    email_send(
        template="associations/emails/membership_requested",
        context={
            "membership": membership,
            "association": association,
            "user": user,
            "to_ccas": not admins,
            "url": absolute_url(reverse("associations:member_area", kwargs={"slug": association.slug})),
        },
        to=admins or None,
    )
    return membership


@transaction.atomic
def membership_approve(*, membership: Membership, by, role: str = MembershipRole.MEMBER) -> Membership:
    """An admin of the structure (or CCAS staff) accepts a request, with the role given."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if not can_manage(by, membership.association):
        raise PermissionDenied(
            "Seuls les administrateurs de la structure ou le CCAS peuvent valider une demande."
        )
    if membership.status != MembershipStatus.REQUESTED:
        raise ValidationError("Cette demande a déjà été traitée.")
    if role not in MembershipRole.values:
        raise ValidationError("Rôle inconnu.")
    membership.status = MembershipStatus.APPROVED
    membership.role = role
    membership.decided_by = by
    membership.decided_at = timezone.now()
    membership.save()
    email_send(
        template="associations/emails/membership_approved",
        context={
            "membership": membership,
            "association": membership.association,
            "url": absolute_url(
                reverse("associations:member_area", kwargs={"slug": membership.association.slug})
            ),
        },
        to=[membership.user.email],
    )
    return membership


@transaction.atomic
def membership_reject(*, membership: Membership, by, reason: str) -> Membership:
    """Refuse a request; the reason is kept and sent to the person."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if not can_manage(by, membership.association):
        raise PermissionDenied(
            "Seuls les administrateurs de la structure ou le CCAS peuvent refuser une demande."
        )
    if membership.status != MembershipStatus.REQUESTED:
        raise ValidationError("Cette demande a déjà été traitée.")
    if not reason.strip():
        raise ValidationError({"reason": "Indiquez le motif du refus."})
    membership.status = MembershipStatus.REJECTED
    membership.decided_by = by
    membership.decided_at = timezone.now()
    membership.decision_reason = reason.strip()
    membership.save()
    email_send(
        template="associations/emails/membership_rejected",
        context={"membership": membership, "association": membership.association},
        to=[membership.user.email],
    )
    return membership


def _is_last_admin(membership: Membership) -> bool:
    if not (membership.status == MembershipStatus.APPROVED and membership.role == MembershipRole.ADMIN):
        return False
    others = Membership.objects.filter(
        association=membership.association, status=MembershipStatus.APPROVED, role=MembershipRole.ADMIN
    ).exclude(pk=membership.pk)
    return not others.exists()


def _keep_an_admin(membership: Membership, by) -> None:
    """A structure never loses its last admin, except through the CCAS (who can then name one)."""
    if _is_last_admin(membership) and not is_ccas_staff(by):
        raise ValidationError(
            "La structure doit garder au moins un·e administrateur·rice : nommez-en un·e autre avant, "
            "ou demandez au CCAS."
        )


def _locked_approved(membership: Membership) -> Membership:
    # Lock every admin row of the structure: two admins demoting each other at once cannot
    # both pass the « last admin » check.
    list(
        Membership.objects.select_for_update().filter(
            association_id=membership.association_id, role=MembershipRole.ADMIN
        )
    )
    membership = (
        Membership.objects.select_for_update().select_related("association", "user").get(pk=membership.pk)
    )
    if membership.status != MembershipStatus.APPROVED:
        raise ValidationError("Cette personne n'est pas (ou plus) membre de la structure.")
    return membership


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, by) -> Membership:
    """An admin of the structure (or CCAS staff) makes a member admin, or an admin a member."""
    if not can_manage(by, membership.association):
        raise PermissionDenied("Seuls les administrateurs de la structure ou le CCAS changent les rôles.")
    if role not in MembershipRole.values:
        raise ValidationError("Rôle inconnu.")
    membership = _locked_approved(membership)
    if role != MembershipRole.ADMIN:
        _keep_an_admin(membership, by)
    membership.role = role
    membership.full_clean()
    membership.save(update_fields=["role", "updated_at"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by) -> None:
    """An admin (or CCAS staff) removes a member, or a member leaves (`by` is the member). The
    person is told by e-mail when someone else removed them."""
    leaving = by == membership.user
    if not leaving and not can_manage(by, membership.association):
        raise PermissionDenied("Seuls les administrateurs de la structure ou le CCAS retirent un membre.")
    membership = _locked_approved(membership)
    _keep_an_admin(membership, by)
    association = membership.association
    email = membership.user.email
    membership.delete()
    if not leaving:
        email_send(
            template="associations/emails/membership_removed",
            context={"association": association},
            to=[email],
        )
