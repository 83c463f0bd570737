"""Writes on memberships: requests to join a structure and their decision. Keyword-only, atomic."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from solidaire.core.email.services import email_send

from .models import Association, Membership
from .permissions import can_manage, can_request_membership
from .taxonomy import MembershipRole, MembershipStatus


@transaction.atomic
def membership_request(*, user, association: Association, message: str = "") -> Membership:
    """A signed-in user asks to act for a structure; its admins are told by e-mail."""
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
    admins = list(
        association.memberships.filter(status=MembershipStatus.APPROVED, role="admin").values_list(
            "user__email", flat=True
        )
    )
    email_send(
        template="associations/emails/membership_requested",
        context={"membership": membership, "association": association, "user": user},
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
        context={"membership": membership, "association": membership.association},
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
