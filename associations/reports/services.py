"""Writes on card error reports: anyone files one, the structure's admins and staff are told."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from solidaire.core.email.links import absolute_url
from solidaire.core.email.services import email_send

from .models import CardReport, ReportStatus
from .permissions import can_resolve
from .selectors import card_report_admin_emails

# The same words on the same card within this delay (a double click) make one report.
DUPLICATE_WINDOW = dt.timedelta(hours=12)


@transaction.atomic
def card_report_create(*, association, topic: str, message: str, email: str = "") -> tuple[CardReport, bool]:
    """Record a report and e-mail it to the structure's admins and to the CCAS.
    Returns (report, created); the same report sent twice gives back the first one."""
    message = message.strip()
    existing = CardReport.objects.filter(
        association=association,
        topic=topic,
        message=message,
        created_at__gte=timezone.now() - DUPLICATE_WINDOW,
    ).first()
    if existing:
        return existing, False
    report = CardReport(association=association, topic=topic, message=message, email=email.strip())
    report.full_clean()
    report.save()
    admins = card_report_admin_emails(association=association)
    context = {
        "report": report,
        "association": association,
        "card_url": absolute_url(reverse("associations:detail", kwargs={"slug": association.slug})),
    }
    email_send(template="associations/emails/card_report", context=context, to=None)
    if admins:
        email_send(template="associations/emails/card_report", context=context, to=admins)
    return report, True


@transaction.atomic
def card_report_resolve(*, user, report: CardReport) -> CardReport:
    """Close a report once the card is right (staff or the structure's admins)."""
    if not can_resolve(user, report.association):
        raise PermissionDenied("Vous ne pouvez pas traiter ce signalement.")
    report.status = ReportStatus.RESOLVED
    report.resolved_by = user
    report.resolved_at = timezone.now()
    report.full_clean()
    report.save()
    return report
