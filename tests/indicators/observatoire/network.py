"""A network of structures with validated sheets, built in bulk (500 structures stay fast)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from associations.structures.models import Association
from indicators.catalogue.models import Campaign, CampaignIndicator
from indicators.sheets.models import Sheet, SheetStatus, SheetValue
from tests.indicators.factories import CampaignFactory, build_catalogue

YEARS = [2024, 2025]


def campaigns(years=YEARS) -> tuple[list[Campaign], dict]:
    found = []
    for year in years:
        found.append(
            CampaignFactory(year=year, opens_on=dt.date(year, 10, 1), closes_on=dt.date(year + 1, 1, 31))
        )
    indicators = build_catalogue(found[0])
    for campaign in found[1:]:
        for order, indicator in enumerate(indicators.values()):
            CampaignIndicator.objects.get_or_create(
                campaign=campaign, indicator=indicator, defaults={"order": order}
            )
    return found, indicators


def structures(count: int, *, quartiers: list[str] | None = None, prefix: str = "s") -> list[Association]:
    quartiers = quartiers or ["centre"]
    Association.objects.bulk_create(
        [
            Association(
                name=f"Structure {prefix}{i:04d}",
                slug=f"structure-{prefix}{i:04d}",
                kind="association",
                status="published",
                quartier=quartiers[i % len(quartiers)],
                city="Le Mans",
            )
            for i in range(count)
        ]
    )
    return list(Association.objects.filter(slug__startswith=f"structure-{prefix}").order_by("slug"))


def validated_sheets(
    associations, campaign, indicators, values, *, status=SheetStatus.VALIDATED
) -> list[Sheet]:
    """One sheet per structure; `values(i, association)` → {code: number} (`typologie__f` for a
    category)."""
    moment = timezone.make_aware(dt.datetime(campaign.year + 1, 1, 20, 10))
    Sheet.objects.bulk_create(
        [
            Sheet(
                association=a,
                campaign=campaign,
                status=status,
                validated_at=moment if status == SheetStatus.VALIDATED else None,
            )
            for a in associations
        ]
    )
    sheets = list(
        Sheet.objects.filter(campaign=campaign, association__in=associations).order_by("association__slug")
    )
    categories = {c.code: c for c in indicators["typologie"].breakdown.categories.all()}
    rows = []
    for i, sheet in enumerate(sheets):
        for key, value in values(i, sheet.association).items():
            code, _, cat = key.partition("__")
            rows.append(
                SheetValue(
                    sheet=sheet,
                    indicator=indicators[code],
                    category=categories[cat] if cat else None,
                    value=Decimal(str(value)),
                )
            )
    SheetValue.objects.bulk_create(rows, batch_size=2000)
    return sheets
