"""Reminder e-mails: one click from the follow-up page, and the automatic ones before closing.

Sending is recorded first; the e-mail itself leaves once the transaction commits (email_send).
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import formats

from associations.structures.models import Association
from indicators.catalogue import selectors as catalogue_selectors
from indicators.catalogue.models import Campaign
from indicators.sheets.models import Sheet, SheetStatus
from indicators.sheets.notifications import sheet_url, structure_recipients
from indicators.sheets.selectors import expected_associations
from solidaire.core.email.services import email_send

from .models import Reminder, ReminderKind


def reminder_send(*, campaign: Campaign, association: Association, kind: str, user=None) -> Reminder | None:
    """E-mail the structure's members that their sheet is awaited. Automatic kinds are sent
    once per campaign and structure (a unique constraint makes the task idempotent); returns
    None when nothing was sent (already sent, or nobody to write to)."""
    to = structure_recipients(association)
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
                    "url": sheet_url(association, campaign),
                },
            )
    except IntegrityError:
        return None
    return reminder


def reminders_send_due(*, on: dt.date | None = None) -> int:
    """Automatic reminders 14 and 3 days before closing, to structures that have not
    submitted. Each is recorded and sent once, so running it several times is harmless; a
    window (not an exact day) lets a run missed by beat catch up the next day."""
    on = on or catalogue_selectors.today()
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
            for association in expected_associations().exclude(pk__in=done).exclude(pk__in=already):
                if reminder_send(campaign=campaign, association=association, kind=kind):
                    sent += 1
    return sent
