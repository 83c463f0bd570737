"""Writes of the directory's upkeep: the yearly update campaign (reminders to check a card)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from associations.structures.models import Association
from associations.structures.services import absolute_url
from associations.structures.taxonomy import MembershipStatus, PublicationStatus
from solidaire.accounts.roles import is_ccas_staff
from solidaire.core.email.services import email_send

CAMPAIGN_MIN_INTERVAL = dt.timedelta(days=300)


def update_campaign_targets(*, by) -> list[int]:
    """The published structures to remind (staff only). The caller queues one reminder task per
    id after commit: a service never queues a task (tasks call services)."""
    if not is_ccas_staff(by):
        raise PermissionDenied("Réservé au CCAS.")
    return list(Association.objects.filter(status=PublicationStatus.PUBLISHED).values_list("pk", flat=True))


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
