"""Reads of the reminders: the structures late for a campaign, and those nobody can be reached at."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet

from associations.structures.models import Association, Membership
from associations.structures.taxonomy import MembershipStatus
from indicators.catalogue import selectors as catalogue_selectors
from indicators.catalogue.models import Campaign
from indicators.sheets.models import ANSWERED_STATUSES, CampaignContact, Sheet
from indicators.sheets.selectors import expected_associations


def unanswered_associations(*, campaign: Campaign) -> QuerySet[Association]:
    """Expected structures whose sheet of `campaign` is neither submitted nor validated (yet)."""
    answered = Sheet.objects.filter(
        campaign=campaign, association=OuterRef("pk"), status__in=ANSWERED_STATUSES
    )
    return expected_associations().exclude(Exists(answered)).order_by("name")


def late_associations(*, campaign: Campaign, on: dt.date | None = None) -> QuerySet[Association]:
    """The one rule for « en retard », used by the follow-up counter, the staff home and the
    reminder button: the campaign is over on `on` (and so is the structure's own extension, if
    staff granted one) and the sheet is neither submitted nor validated. Before the closing
    date nobody is late."""
    on = on or catalogue_selectors.today()
    if campaign.closes_on >= on:
        return Association.objects.none()
    excused = Sheet.objects.filter(association=OuterRef("pk"), campaign=campaign).filter(
        Q(status__in=ANSWERED_STATUSES) | Q(extended_until__gte=on)
    )
    return expected_associations().exclude(Exists(excused)).order_by("name")


def reminder_targets(*, campaign: Campaign, on: dt.date | None = None) -> QuerySet[Association]:
    """Whom « Relancer » writes to: once the campaign is over, the late structures; while it is
    open, those that have not transmitted yet (the button says which)."""
    on = on or catalogue_selectors.today()
    if campaign.closes_on >= on:
        return unanswered_associations(campaign=campaign)
    return late_associations(campaign=campaign, on=on)


def unreachable_associations(*, campaign: Campaign) -> QuerySet[Association]:
    """Structures a reminder is for (`reminder_targets`) with no named contact, no approved
    member and no public address: it cannot reach them until their card is completed (one query)."""
    members = Membership.objects.filter(association=OuterRef("pk"), status=MembershipStatus.APPROVED)
    contact = CampaignContact.objects.filter(association=OuterRef("pk"))
    return (
        reminder_targets(campaign=campaign)
        .filter(email="")
        .exclude(Exists(members))
        .exclude(Exists(contact))
        .only("pk", "name", "slug")
    )
