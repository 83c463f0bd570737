"""Reads of the reminders: the structures late for a campaign, and those nobody can be reached at."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from associations.structures.models import Association, Membership
from associations.structures.taxonomy import MembershipStatus
from indicators.catalogue.models import Campaign
from indicators.sheets.models import CampaignContact, Sheet, SheetStatus
from indicators.sheets.selectors import expected_associations


def late_associations(*, campaign: Campaign) -> QuerySet[Association]:
    """Expected structures whose sheet of `campaign` is neither submitted nor validated."""
    answered = Sheet.objects.filter(
        campaign=campaign,
        association=OuterRef("pk"),
        status__in=[SheetStatus.SUBMITTED, SheetStatus.VALIDATED],
    )
    return expected_associations().exclude(Exists(answered)).order_by("name")


def unreachable_associations(*, campaign: Campaign) -> QuerySet[Association]:
    """Late structures with no named contact, no approved member and no public address: a
    reminder cannot reach them until their card is completed (one query)."""
    members = Membership.objects.filter(association=OuterRef("pk"), status=MembershipStatus.APPROVED)
    contact = CampaignContact.objects.filter(association=OuterRef("pk"))
    return (
        late_associations(campaign=campaign)
        .filter(email="")
        .exclude(Exists(members))
        .exclude(Exists(contact))
        .only("pk", "name", "slug")
    )
