"""E-mails about a structure's sheet: who receives them, the link to the sheet, and the notice
sent when staff return a sheet for correction (the reminders reuse the first two)."""

from __future__ import annotations

from django.urls import reverse

from associations.structures.models import Association, Membership
from associations.structures.taxonomy import MembershipStatus
from indicators.catalogue.models import Campaign
from solidaire.core.email.links import absolute_url
from solidaire.core.email.services import email_send

from .models import CampaignContact, Sheet


def structure_recipients(association: Association) -> list[str]:
    """The person the structure named for the campaign's e-mails, else its approved members,
    else its public address; [] when nobody can be reached."""
    contact = CampaignContact.objects.filter(association=association).values_list("email", flat=True).first()
    if contact:
        return [contact]
    emails = list(
        Membership.objects.filter(association=association, status=MembershipStatus.APPROVED)
        .values_list("user__email", flat=True)
        .order_by("user__email")
    )
    if not emails and association.email:
        emails = [association.email]
    return emails


def sheet_url(association: Association, campaign: Campaign) -> str:
    return absolute_url(reverse("indicators:sheet", kwargs={"slug": association.slug, "year": campaign.year}))


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
