"""Reminder e-mails: one click from the follow-up page (one structure, or every late one), and
the automatic ones before closing.

Sending is recorded first; the e-mail itself leaves once the transaction commits (email_send).
A structure receives at most one reminder a day for a campaign: the check runs under a lock on
the structure's row and a unique constraint backs it, so a double click sends one e-mail.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from associations.structures.models import Association
from indicators.catalogue import selectors as catalogue_selectors
from indicators.catalogue.models import Campaign
from indicators.sheets.notifications import sheet_url, structure_recipients
from indicators.sheets.permissions import can_review
from solidaire.core.email.services import email_send
from solidaire.core.text.french import format_date

from .models import Reminder, ReminderKind
from .selectors import reminder_targets, unanswered_associations

UNREACHABLE = "unreachable"
ALREADY_SENT = "already_sent"


@dataclass
class RemindersReport:
    """What one « relancer toutes les structures en retard » did, structure by structure."""

    sent: list[Association] = field(default_factory=list)
    already: list[Association] = field(default_factory=list)
    unreachable: list[Association] = field(default_factory=list)


def reminder_send(*, campaign: Campaign, association: Association, kind: str, user=None) -> Reminder:
    """E-mail the structure that its sheet is awaited, and record it. Raises a French
    ValidationError (code `unreachable` or `already_sent`) when nobody can be written to or the
    structure was already reminded today for this campaign (automatic kinds: ever)."""
    if kind == ReminderKind.MANUAL and not can_review(user):
        raise PermissionDenied("Seule l'équipe du CCAS peut relancer une structure.")
    to = structure_recipients(association)
    if not to:
        raise ValidationError(
            f"Aucune adresse e-mail connue pour « {association.name} » : ajoutez-en une à sa fiche "
            "ou un membre à la structure, puis relancez-la.",
            code=UNREACHABLE,
        )
    today = timezone.localdate()
    already = ValidationError(
        f"« {association.name} » a déjà été relancée aujourd'hui pour la campagne {campaign.year} : "
        "une relance par jour au plus.",
        code=ALREADY_SENT,
    )
    try:
        with transaction.atomic():
            # Two clicks wait for each other here; the second then sees the first's reminder.
            Association.objects.select_for_update().filter(pk=association.pk).first()
            sent = Reminder.objects.filter(campaign=campaign, association=association)
            if sent.filter(sent_on=today).exists() or (
                kind != ReminderKind.MANUAL and sent.filter(kind=kind).exists()
            ):
                raise already
            reminder = Reminder(
                campaign=campaign,
                association=association,
                kind=kind,
                sent_by=user,
                sent_on=today,
                recipients=", ".join(to),
            )
            reminder.full_clean(validate_constraints=False)
            reminder.save()
            email_send(
                template="indicators/emails/reminder",
                to=to,
                context={
                    "association": association,
                    "campaign": campaign,
                    "closes_on": format_date(campaign.closes_on),
                    "url": sheet_url(association, campaign),
                },
            )
    except IntegrityError:
        raise already from None
    return reminder


def reminders_send_late(*, campaign: Campaign, user) -> RemindersReport:
    """Remind every structure `reminder_targets` names (the late ones once the campaign is over,
    those that have not transmitted while it is open: the button says which). Each
    structure is handled in its own transaction: one without an address does not stop the others,
    and running it twice the same day sends nothing more."""
    if not can_review(user):
        raise PermissionDenied("Seule l'équipe du CCAS peut relancer les structures.")
    report = RemindersReport()
    for association in reminder_targets(campaign=campaign):
        try:
            reminder_send(campaign=campaign, association=association, kind=ReminderKind.MANUAL, user=user)
        except ValidationError as exc:
            bucket = report.unreachable if exc.code == UNREACHABLE else report.already
            bucket.append(association)
        else:
            report.sent.append(association)
    return report


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
            already = Reminder.objects.filter(campaign=campaign, kind=kind).values("association_id")
            for association in unanswered_associations(campaign=campaign).exclude(pk__in=already):
                try:
                    reminder_send(campaign=campaign, association=association, kind=kind)
                except ValidationError:
                    continue
                sent += 1
    return sent
