"""Reads on card error reports."""

from __future__ import annotations

from associations.structures.models import Association, Membership
from associations.structures.taxonomy import MembershipRole, MembershipStatus, PublicationStatus

from .models import CardReport, ReportStatus


def published_association(*, slug: str) -> Association | None:
    """The published structure a report is about (a draft or archived card takes none)."""
    return Association.objects.filter(slug=slug, status=PublicationStatus.PUBLISHED).first()


def card_report_admin_emails(*, association) -> list[str]:
    """Who, besides the CCAS, receives a report on this card: the structure's approved admins."""
    return list(
        Membership.objects.filter(
            association=association, role=MembershipRole.ADMIN, status=MembershipStatus.APPROVED
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )


def card_report_recipients_text(*, association) -> str:
    """The page says who will read the report, so nobody expects the structure to answer when
    it has nobody on the portal yet."""
    if card_report_admin_emails(association=association):
        return "au CCAS et aux administrateur·rices de la structure sur le portail"
    return "au CCAS, qui prévient la structure (elle n'a pas encore d'administrateur·rice sur le portail)"


def card_reports_open_of(*, association) -> list[CardReport]:
    return list(
        CardReport.objects.filter(association=association, status=ReportStatus.OPEN).order_by("-created_at")
    )
