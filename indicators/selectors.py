"""Reads for the sheet, the dashboard and the staff follow-up. Query counts do not depend on
how many structures, years or values there are (tested)."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from associations.structures.models import Association
from associations.structures.taxonomy import PublicationStatus, StructureKind

from .formulas import evaluate
from .models import (
    BreakdownCategory,
    Campaign,
    CampaignIndicator,
    Family,
    IndicatorDefinition,
    Reminder,
    Sheet,
    SheetStatus,
    SheetValue,
    ValidationRule,
)

# Who is expected to answer a campaign: every published association or social centre. The CCAS
# itself and institutions are not asked (they are the ones reading the sheets). We chose
# "published" rather than "signed the charter" so the indicators app does not depend on the
# charter app, and because an unpublished card is usually an abandoned one.
EXPECTED_KINDS = (StructureKind.ASSOCIATION, StructureKind.CENTRE_SOCIAL)
# Statistical secrecy (the "rule of 3" of French public statistics): a network median over one
# or two sheets would give away another structure's figure (the median of two is their mean,
# and the viewer knows their own), so it is shown from three sheets on.
MEDIAN_MIN_SHEETS = 3


def today() -> dt.date:
    return timezone.localdate()


def expected_associations() -> QuerySet[Association]:
    return Association.objects.filter(status=PublicationStatus.PUBLISHED, kind__in=EXPECTED_KINDS)


def campaign_list() -> QuerySet[Campaign]:
    return Campaign.objects.order_by("-year")


def campaign_current(*, on: dt.date | None = None) -> Campaign | None:
    """The campaign open on that day, else the latest one already opened."""
    on = on or today()
    opened = Campaign.objects.filter(opens_on__lte=on).order_by("-year")
    return opened.filter(closes_on__gte=on).first() or opened.first()


@dataclass
class Layout:
    """The indicators of a campaign, in order, grouped by family, with their categories."""

    campaign: Campaign
    items: list[CampaignIndicator]
    by_id: dict[int, IndicatorDefinition] = field(default_factory=dict)
    by_code: dict[str, IndicatorDefinition] = field(default_factory=dict)

    def __post_init__(self):
        for item in self.items:
            self.by_id[item.indicator_id] = item.indicator
            self.by_code[item.indicator.code] = item.indicator

    def families(self) -> list[tuple[str, list[CampaignIndicator]]]:
        groups: dict[str, list[CampaignIndicator]] = defaultdict(list)
        themed = []
        for item in self.items:
            (themed if item.is_themed else groups[item.indicator.family]).append(item)
        result = [(label, groups[value]) for value, label in Family.choices if groups[value]]
        if themed:
            title = self.campaign.theme_title or "Bloc thématique"
            result.append((f"Bloc thématique {self.campaign.year} : {title}", themed))
        return result

    @property
    def computed(self) -> list[IndicatorDefinition]:
        return [i.indicator for i in self.items if i.indicator.formula]

    @property
    def typed(self) -> list[IndicatorDefinition]:
        return [i.indicator for i in self.items if not i.indicator.formula]


def campaign_layout(*, campaign: Campaign) -> Layout:
    """Two queries: the campaign's indicators and their breakdown categories."""
    items = list(
        CampaignIndicator.objects.filter(campaign=campaign)
        .select_related("indicator__breakdown")
        .prefetch_related(
            Prefetch(
                "indicator__breakdown__categories",
                queryset=BreakdownCategory.objects.order_by("order", "code"),
                to_attr="ordered_categories",
            )
        )
        .order_by("is_themed", "order", "indicator__order")
    )
    for item in items:
        breakdown = item.indicator.breakdown
        item.indicator.categories = breakdown.ordered_categories if breakdown else []
    return Layout(campaign=campaign, items=items)


RawValues = dict[tuple[int, int | None], Decimal]


def sheet_raw_values(*, sheet: Sheet | None) -> RawValues:
    if sheet is None or sheet.pk is None:
        return {}
    rows = SheetValue.objects.filter(sheet=sheet).values_list("indicator_id", "category_id", "value")
    return {(ind, cat): value for ind, cat, value in rows}


def values_by_code(*, layout: Layout, raw: RawValues) -> tuple[dict, dict]:
    """(totals, breakdowns) by indicator code; computed indicators evaluated from the rest."""
    totals: dict[str, Decimal | None] = {}
    breakdowns: dict[str, dict[str, Decimal]] = {}
    for indicator in layout.typed:
        if indicator.categories:
            parts = {
                c.code: raw[(indicator.id, c.id)] for c in indicator.categories if (indicator.id, c.id) in raw
            }
            breakdowns[indicator.code] = parts
            totals[indicator.code] = sum(parts.values(), Decimal(0)) if parts else None
        else:
            totals[indicator.code] = raw.get((indicator.id, None))
    # A formula may use another computed indicator: a few passes settle any order.
    for _ in range(len(layout.computed)):
        for indicator in layout.computed:
            totals[indicator.code] = evaluate(indicator.formula, totals)
    return totals, breakdowns


def previous_sheet(*, association: Association, year: int) -> Sheet | None:
    return (
        Sheet.objects.filter(association=association, campaign__year__lt=year)
        .exclude(status=SheetStatus.DRAFT)
        .select_related("campaign")
        .order_by("-campaign__year")
        .first()
    )


def previous_totals(*, association: Association, year: int) -> dict[str, Decimal]:
    """Last answered year's totals by code (one or two queries), for "l'an passé" hints."""
    sheet = previous_sheet(association=association, year=year)
    if sheet is None:
        return {}
    totals: dict[str, Decimal] = defaultdict(Decimal)
    rows = SheetValue.objects.filter(sheet=sheet).values_list("indicator__code", "value")
    for code, value in rows:
        totals[code] += value
    return dict(totals)


def active_rules() -> list[ValidationRule]:
    return list(ValidationRule.objects.filter(is_active=True))


def sheets_of_association(*, association: Association) -> QuerySet[Sheet]:
    return (
        Sheet.objects.filter(association=association).select_related("campaign").order_by("-campaign__year")
    )


def sheet_audit(*, sheet: Sheet):
    return sheet.audit.select_related("user", "indicator", "category").order_by("-created_at", "-id")


# --- staff follow-up -------------------------------------------------------------------------
def followup_rows(*, campaign: Campaign) -> QuerySet[Association]:
    """Every expected structure with its sheet's status and dates (one query, any size)."""
    sheets = Sheet.objects.filter(campaign=campaign, association=OuterRef("pk"))
    reminders = Reminder.objects.filter(campaign=campaign, association=OuterRef("pk"))
    return (
        expected_associations()
        .annotate(
            sheet_id=Subquery(sheets.values("pk")[:1]),
            sheet_status=Subquery(sheets.values("status")[:1]),
            sheet_submitted_at=Subquery(sheets.values("submitted_at")[:1]),
            sheet_validated_at=Subquery(sheets.values("validated_at")[:1]),
            last_reminder_at=Subquery(reminders.order_by("-sent_at").values("sent_at")[:1]),
        )
        .order_by("name")
        .only("pk", "name", "slug")
    )


def followup_completeness(*, campaign: Campaign) -> dict[str, int]:
    """Expected / submitted (or validated) / validated / on time / late, in one query."""
    closes = dt.datetime.combine(
        campaign.closes_on + dt.timedelta(days=1), dt.time.min, tzinfo=timezone.get_current_timezone()
    )
    answered = Q(sheets__campaign=campaign, sheets__status__in=[SheetStatus.SUBMITTED, SheetStatus.VALIDATED])
    counts = expected_associations().aggregate(
        expected=Count("pk", distinct=True),
        submitted=Count("pk", filter=answered, distinct=True),
        validated=Count(
            "pk", filter=Q(sheets__campaign=campaign, sheets__status=SheetStatus.VALIDATED), distinct=True
        ),
        late=Count("pk", filter=answered & Q(sheets__submitted_at__gte=closes), distinct=True),
    )
    counts["on_time"] = counts["submitted"] - counts["late"]
    counts["missing"] = counts["expected"] - counts["submitted"]
    counts["percent"] = round(100 * counts["submitted"] / counts["expected"]) if counts["expected"] else 0
    return counts


# --- dashboard -------------------------------------------------------------------------------
def dashboard_series(*, association: Association) -> list[dict]:
    """For each indicator ever answered: this structure's yearly totals next to the network's
    median of validated sheets. Only medians leave this function, never another structure's
    figures. Two queries whatever the history."""
    own: dict[str, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    rows = (
        SheetValue.objects.filter(sheet__association=association)
        .exclude(sheet__status=SheetStatus.DRAFT)
        .values_list("indicator__code", "sheet__campaign__year", "value")
    )
    for code, year, value in rows:
        own[code][year] += value
    if not own:
        return []
    network: dict[tuple[str, int], dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    rows = (
        SheetValue.objects.filter(sheet__status=SheetStatus.VALIDATED, indicator__code__in=list(own))
        .values_list("indicator__code", "sheet__campaign__year", "sheet_id", "value")
        .iterator(chunk_size=5000)
    )
    for code, year, sheet_id, value in rows:
        network[(code, year)][sheet_id] += value
    indicators = IndicatorDefinition.objects.filter(code__in=list(own)).order_by("family", "order", "code")
    series = []
    for indicator in indicators:
        years = sorted(own[indicator.code])
        medians = []
        for year in years:
            per_sheet = list(network.get((indicator.code, year), {}).values())
            enough = len(per_sheet) >= MEDIAN_MIN_SHEETS
            medians.append(Decimal(statistics.median(per_sheet)) if enough else None)
        series.append(
            {
                "indicator": indicator,
                "years": years,
                "values": [own[indicator.code][y] for y in years],
                "medians": medians,
            }
        )
    return series
