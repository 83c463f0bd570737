"""Reads on the catalogue: today's date (frozen by the tests), the campaigns, a campaign's
layout (its indicators in order, with their categories) and the active validation rules."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from .models import (
    BreakdownCategory,
    Campaign,
    CampaignIndicator,
    Family,
    IndicatorDefinition,
    Unit,
    ValidationRule,
)


def today() -> dt.date:
    return timezone.localdate()


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


def active_rules() -> list[ValidationRule]:
    return list(ValidationRule.objects.filter(is_active=True))


def indicator_decimals(indicator) -> int:
    """An indicator's precision, the one rounding rule of every figure shown (key figures,
    charts, tables, PDFs): one decimal for full-time equivalents, ratios and computed
    indicators, none for counts (« 18,6 » everywhere, never « 18,65 » beside it; a median of
    counts « 536 », not « 536,0 »)."""
    return 1 if indicator.unit in (Unit.ETP, Unit.RATIO) or indicator.formula else 0
