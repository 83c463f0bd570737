"""Reminder e-mails: one click from the follow-up page, and the automatic ones before closing."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.sites.models import Site
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats

from associations.structures.models import Association, Membership
from associations.structures.taxonomy import MembershipStatus
from solidaire.core.emails import email_send

from . import selectors
from .models import Campaign, Reminder, ReminderKind, Sheet, SheetStatus


def _recipients(association: Association) -> list[str]:
    emails = list(
        Membership.objects.filter(association=association, status=MembershipStatus.APPROVED)
        .values_list("user__email", flat=True)
        .order_by("user__email")
    )
    if not emails and association.email:
        emails = [association.email]
    return emails


def _sheet_url(association: Association, campaign: Campaign) -> str:
    domain = Site.objects.get_current().domain
    scheme = "http" if settings.DEBUG else "https"
    return f"{scheme}://{domain}" + reverse(
        "indicators:sheet", kwargs={"slug": association.slug, "year": campaign.year}
    )


def reminder_send(*, campaign: Campaign, association: Association, kind: str, user=None) -> Reminder | None:
    """E-mail the structure's members that their sheet is awaited. Automatic kinds are sent
    once per campaign and structure (a unique constraint makes the task idempotent); returns
    None when nothing was sent (already sent, or nobody to write to)."""
    to = _recipients(association)
    if not to:
        return None
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(
                campaign=campaign, association=association, kind=kind, sent_by=user, recipients=", ".join(to)
            )
            email_send(
                template="indicators/emails/reminder",
                to=to,
                context={
                    "association": association,
                    "campaign": campaign,
                    "closes_on": formats.date_format(campaign.closes_on, "j F Y"),
                    "url": _sheet_url(association, campaign),
                },
            )
    except IntegrityError:
        return None
    return reminder


def reminders_send_due(*, on: dt.date | None = None) -> int:
    """Automatic reminders 14 and 3 days before closing, to structures that have not
    submitted. Each is recorded and sent once, so running it several times is harmless; a
    window (not an exact day) lets a run missed by beat catch up the next day."""
    on = on or selectors.today()
    sent = 0
    windows = [(ReminderKind.AUTO_3, 0, 3), (ReminderKind.AUTO_14, 4, 14)]
    for kind, first, last in windows:
        campaigns = Campaign.objects.filter(
            opens_on__lte=on,
            closes_on__gte=on + dt.timedelta(days=first),
            closes_on__lte=on + dt.timedelta(days=last),
        )
        for campaign in campaigns:
            done = Sheet.objects.filter(
                campaign=campaign, status__in=[SheetStatus.SUBMITTED, SheetStatus.VALIDATED]
            ).values("association_id")
            already = Reminder.objects.filter(campaign=campaign, kind=kind).values("association_id")
            for association in selectors.expected_associations().exclude(pk__in=done).exclude(pk__in=already):
                if reminder_send(campaign=campaign, association=association, kind=kind):
                    sent += 1
    return sent


def notify_returned(*, sheet: Sheet) -> None:
    """Tell the structure its sheet came back with a comment."""
    to = _recipients(sheet.association)
    if to:
        email_send(
            template="indicators/emails/returned",
            to=to,
            context={
                "association": sheet.association,
                "campaign": sheet.campaign,
                "comment": sheet.staff_comment,
                "url": _sheet_url(sheet.association, sheet.campaign),
            },
        )
