"""Writes on the catalogue side: preparing next year's campaign."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Campaign, CampaignIndicator


@transaction.atomic
def campaign_create_next(
    *, previous: Campaign, opens_on: dt.date | None = None, closes_on: dt.date | None = None
) -> Campaign:
    """Next year's campaign with the previous core block (indicators still active, in the same
    order). The themed block is not carried over: staff choose a new theme each year."""
    year = previous.year + 1
    if Campaign.objects.filter(year=year).exists():
        raise ValidationError(f"La campagne {year} existe déjà.")
    campaign = Campaign(
        year=year,
        opens_on=opens_on or previous.opens_on.replace(year=year),
        closes_on=closes_on or previous.closes_on.replace(year=previous.closes_on.year + 1),
        outlier_factor=previous.outlier_factor,
    )
    campaign.full_clean()
    campaign.save()
    CampaignIndicator.objects.bulk_create(
        [
            CampaignIndicator(
                campaign=campaign,
                indicator_id=item.indicator_id,
                order=item.order,
                is_required=item.is_required,
            )
            for item in previous.items.filter(is_themed=False, indicator__is_active=True)
        ]
    )
    return campaign
