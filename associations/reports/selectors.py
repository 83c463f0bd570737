"""Reads on card error reports."""

from __future__ import annotations

from .models import CardReport, ReportStatus


def card_reports_open_of(*, association) -> list[CardReport]:
    return list(
        CardReport.objects.filter(association=association, status=ReportStatus.OPEN).order_by("-created_at")
    )
