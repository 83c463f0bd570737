"""What waits for CCAS staff in the indicators, for the staff home and the admin index: sheets
submitted and waiting for review, and structures late with their sheet. One query per line."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from indicators.catalogue import selectors as catalogue_selectors
from indicators.catalogue.models import Campaign
from indicators.reminders.selectors import late_associations
from indicators.sheets.models import Sheet, SheetStatus
from indicators.sheets.permissions import can_review
from solidaire.core.worklist import PendingWork, pending_line, register_provider

SECTION = "Indicateurs"


def late_campaign(*, on: dt.date | None = None) -> Campaign | None:
    """The latest campaign already closed on that day (the one whose late sheets matter)."""
    on = on or catalogue_selectors.today()
    return Campaign.objects.filter(closes_on__lt=on).order_by("-closes_on").first()


def late_count(*, campaign: Campaign, on: dt.date | None = None) -> int:
    """How many structures are late (the follow-up page's rule: `late_associations`)."""
    return late_associations(campaign=campaign, on=on).count()


def indicators_pending_work(user) -> list[PendingWork]:
    """Sheets to review and late structures; nothing for people who are not CCAS staff."""
    if not can_review(user):
        return []
    lines = [
        pending_line(
            Sheet.objects.filter(status=SheetStatus.SUBMITTED),
            label="Fiches d'indicateurs à relire",
            url=reverse("indicators:followup") + "?statut=submitted",
            section=SECTION,
            since="submitted_at",
        )
    ]
    campaign = late_campaign()
    if campaign is not None:
        closed = timezone.make_aware(
            dt.datetime.combine(campaign.closes_on + dt.timedelta(days=1), dt.time.min)
        )
        lines.append(
            PendingWork(
                f"Structures en retard pour la campagne {campaign.year}",
                late_count(campaign=campaign),
                reverse("indicators:followup_year", kwargs={"year": campaign.year}) + "?statut=missing",
                closed,
                SECTION,
            )
        )
    return lines


register_provider("indicators.sheets", indicators_pending_work, covers=["indicators.Sheet.submitted"])
