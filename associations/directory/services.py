"""Writes of the directory's upkeep: the yearly update campaign (reminders to check a card) and
the CCAS decisions, change by change, on queued card changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from associations.structures import pending_logos
from associations.structures import services as structure_services
from associations.structures.models import Association, ChangeProposal
from associations.structures.services import absolute_url
from associations.structures.taxonomy import MembershipStatus, ProposalKind, ProposalStatus, PublicationStatus
from solidaire.accounts.roles import is_ccas_staff
from solidaire.core.email.services import email_send
from solidaire.core.runtime.queue import enqueue_after_commit

CAMPAIGN_MIN_INTERVAL = dt.timedelta(days=300)
UPDATE_REMINDER_TASK = "associations.tasks.send_update_reminder"


@transaction.atomic
def update_campaign_launch(*, by) -> list[int]:
    """Staff launch the « merci de vérifier votre fiche » campaign: one reminder task per
    published structure, started once this transaction commits (each task is idempotent, see
    `update_reminder_send`). Returns the ids reminded."""
    if not is_ccas_staff(by):
        raise PermissionDenied("Réservé au CCAS.")
    ids = list(Association.objects.filter(status=PublicationStatus.PUBLISHED).values_list("pk", flat=True))
    for association_id in ids:
        enqueue_after_commit(UPDATE_REMINDER_TASK, association_id=association_id)
    return ids


@transaction.atomic
def update_reminder_send(*, association_id: int) -> bool:
    """E-mail "merci de vérifier votre fiche" to the structure's members (or its address).
    Idempotent: a structure reminded within the last 300 days is skipped."""
    association = Association.objects.select_for_update().filter(pk=association_id).first()
    if association is None or not association.is_published:
        return False
    now = timezone.now()
    if association.reminder_sent_at and now - association.reminder_sent_at < CAMPAIGN_MIN_INTERVAL:
        return False
    recipients = list(
        association.memberships.filter(status=MembershipStatus.APPROVED).values_list("user__email", flat=True)
    )
    if not recipients and association.email:
        recipients = [association.email]
    if not recipients:
        return False
    email_send(
        template="associations/emails/update_reminder",
        context={
            "association": association,
            "url": absolute_url(reverse("associations:member_area", kwargs={"slug": association.slug})),
        },
        to=recipients,
    )
    Association.objects.filter(pk=association.pk).update(reminder_sent_at=now)
    return True


@transaction.atomic
def change_proposal_decide(
    *, proposal: ChangeProposal, by, accepted: Iterable[str], reason: str = ""
) -> ChangeProposal:
    """Staff keep some fields of a queued change and refuse the others with a reason: the kept
    ones are published, the refused ones are named in the decision (sent to the proposer).
    Nothing kept is a refusal; a change already decided is refused with a French message."""
    if not is_ccas_staff(by):
        raise PermissionDenied("Réservé au CCAS.")
    proposal = ChangeProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.PENDING:
        raise ValidationError("Cette modification a déjà été traitée.")
    kept = [name for name in proposal.payload if name in set(accepted)]
    refused = [name for name in proposal.payload if name not in kept]
    if not kept:
        return structure_services.change_proposal_reject(proposal=proposal, by=by, reason=reason)
    if refused:
        if not reason.strip():
            raise ValidationError(
                {"reason": "Indiquez pourquoi les changements décochés ne sont pas retenus."}
            )
        model = proposal._meta.get_field("association" if proposal.kind == ProposalKind.CARD else "service")
        labels = []
        for name in refused:
            try:
                labels.append(str(model.related_model._meta.get_field(name).verbose_name))
            except FieldDoesNotExist:
                labels.append(name)
        if "logo" in refused:
            pending_logos.pending_logo_discard(proposal.payload.get("logo"))
        proposal.payload = {name: proposal.payload[name] for name in kept}
        proposal.decision_reason = f"Non retenu : {', '.join(labels)}. {reason.strip()}"[:300]
        proposal.save(update_fields=["payload", "decision_reason", "updated_at"])
    return structure_services.change_proposal_approve(proposal=proposal, by=by)
