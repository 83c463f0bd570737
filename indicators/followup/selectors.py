"""Reads for the staff follow-up: every expected structure with its sheet's status, and the
campaign's completeness figures. One query each, whatever the number of structures."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from associations.structures.models import Association
from indicators.catalogue import selectors as catalogue_selectors
from indicators.catalogue.models import Campaign
from indicators.reminders.models import Reminder
from indicators.reminders.selectors import late_associations, reminder_targets
from indicators.sheets.models import ANSWERED_STATUSES, Sheet, SheetStatus
from indicators.sheets.selectors import expected_associations

# The follow-up's filter for what the structure has not transmitted: no sheet, a draft, or a
# sheet returned for correction (any status outside ANSWERED_STATUSES).
MISSING = "missing"


def followup_rows(*, campaign: Campaign, status: str = "") -> QuerySet[Association]:
    """Every expected structure with its sheet's status and dates (one query, any size);
    `status` keeps the not transmitted ones (`MISSING`) or those whose sheet has that status."""
    sheets = Sheet.objects.filter(campaign=campaign, association=OuterRef("pk"))
    reminders = Reminder.objects.filter(campaign=campaign, association=OuterRef("pk"))
    rows = (
        expected_associations()
        .annotate(
            sheet_id=Subquery(sheets.values("pk")[:1]),
            sheet_status=Subquery(sheets.values("status")[:1]),
            # `Sheet.is_with_ccas` for a row that holds no Sheet: one rule, ANSWERED_STATUSES.
            sheet_answered=Exists(sheets.filter(status__in=ANSWERED_STATUSES)),
            sheet_submitted_at=Subquery(sheets.values("submitted_at")[:1]),
            sheet_validated_at=Subquery(sheets.values("validated_at")[:1]),
            last_reminder_at=Subquery(reminders.order_by("-sent_at").values("sent_at")[:1]),
        )
        .order_by("name")
        .only("pk", "name", "slug")
    )
    if status == MISSING:
        return rows.filter(sheet_answered=False)
    if status in SheetStatus.values:
        return rows.filter(sheet_status=status)
    return rows


def followup_completeness(*, campaign: Campaign) -> dict[str, int]:
    """Expected / submitted (or validated) / validated / on time / submitted late (one query),
    late (not transmitted once the campaign is over) and to remind (two more)."""
    closes = dt.datetime.combine(
        campaign.closes_on + dt.timedelta(days=1), dt.time.min, tzinfo=timezone.get_current_timezone()
    )
    answered = Q(sheets__campaign=campaign, sheets__status__in=ANSWERED_STATUSES)
    counts = expected_associations().aggregate(
        expected=Count("pk", distinct=True),
        submitted=Count("pk", filter=answered, distinct=True),
        validated=Count(
            "pk", filter=Q(sheets__campaign=campaign, sheets__status=SheetStatus.VALIDATED), distinct=True
        ),
        late=Count("pk", filter=answered & Q(sheets__submitted_at__gte=closes), distinct=True),
    )
    counts["submitted_late"] = counts.pop("late")
    counts["on_time"] = counts["submitted"] - counts["submitted_late"]
    # « En retard » and the reminder button read the same rule (reminders.selectors).
    counts["late"] = late_associations(campaign=campaign).count()
    counts["to_remind"] = reminder_targets(campaign=campaign).count()
    counts["closed"] = campaign.closes_on < catalogue_selectors.today()
    counts["missing"] = counts["expected"] - counts["submitted"]
    counts["percent"] = round(100 * counts["submitted"] / counts["expected"]) if counts["expected"] else 0
    return counts
