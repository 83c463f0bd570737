"""E-mails about a structure's sheet: who receives them, the link to the sheet, and the notice
sent when staff return a sheet for correction (the reminders reuse the first two)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.sites.models import Site
from django.urls import reverse

from associations.structures.models import Association, Membership
from associations.structures.taxonomy import MembershipStatus
from indicators.catalogue.models import Campaign
from solidaire.core.email.services import email_send

from .models import Sheet


def structure_recipients(association: Association) -> list[str]:
    """The structure's approved members, else its public address."""
    emails = list(
        Membership.objects.filter(association=association, status=MembershipStatus.APPROVED)
        .values_list("user__email", flat=True)
        .order_by("user__email")
    )
    if not emails and association.email:
        emails = [association.email]
    return emails


def sheet_url(association: Association, campaign: Campaign) -> str:
    domain = Site.objects.get_current().domain
    scheme = "http" if settings.DEBUG else "https"
    return f"{scheme}://{domain}" + reverse(
        "indicators:sheet", kwargs={"slug": association.slug, "year": campaign.year}
    )


def notify_returned(*, sheet: Sheet) -> None:
    """Tell the structure its sheet came back with a comment (sent once the transaction commits)."""
    to = structure_recipients(sheet.association)
    if to:
        email_send(
            template="indicators/emails/returned",
            to=to,
            context={
                "association": sheet.association,
                "campaign": sheet.campaign,
                "comment": sheet.staff_comment,
                "url": sheet_url(sheet.association, sheet.campaign),
            },
        )
