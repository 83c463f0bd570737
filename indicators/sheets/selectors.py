"""Reads on sheets: who is expected to answer, a sheet's values (raw, and by code with computed
indicators evaluated), last year's totals, a structure's sheets and a sheet's audit trail. Query
counts do not depend on how many structures, years or values there are (tested)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import QuerySet

from associations.structures.models import Association
from associations.structures.taxonomy import PublicationStatus, StructureKind
from indicators.catalogue.formulas import evaluate
from indicators.catalogue.models import Campaign
from indicators.catalogue.selectors import Layout
from solidaire.core.text.french import format_date

from .models import CampaignContact, Sheet, SheetStatus, SheetValue

# Who is expected to answer a campaign: every published association or social centre. The CCAS
# itself and institutions are not asked (they are the ones reading the sheets). We chose
# "published" rather than "signed the charter" so the indicators app does not depend on the
# charter app, and because an unpublished card is usually an abandoned one.
EXPECTED_KINDS = (StructureKind.ASSOCIATION, StructureKind.CENTRE_SOCIAL)


def expected_associations() -> QuerySet[Association]:
    return Association.objects.filter(status=PublicationStatus.PUBLISHED, kind__in=EXPECTED_KINDS)


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
            # The parts add up to the total, as the form's grid does; a sheet that holds only
            # the total (imported, or typed before the breakdown existed) shows that total.
            totals[indicator.code] = (
                sum(parts.values(), Decimal(0)) if parts else raw.get((indicator.id, None))
            )
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


def previous_breakdowns(*, association: Association, year: int) -> dict[str, dict[str, Decimal]]:
    """Last answered year's values by indicator code and category code (one or two queries),
    for the « l'an passé » hint of each cell of a breakdown."""
    sheet = previous_sheet(association=association, year=year)
    if sheet is None:
        return {}
    parts: dict[str, dict[str, Decimal]] = defaultdict(dict)
    rows = SheetValue.objects.filter(sheet=sheet, category__isnull=False).values_list(
        "indicator__code", "category__code", "value"
    )
    for code, category, value in rows:
        parts[code][category] = value
    return dict(parts)


def sheets_by_association(*, campaign: Campaign, associations: list[Association]) -> dict[int, Sheet]:
    """The campaign's sheet of each of these structures, by structure id (one query)."""
    return {
        s.association_id: s for s in Sheet.objects.filter(campaign=campaign, association__in=associations)
    }


def sheet_or_new(*, association: Association, campaign: Campaign) -> Sheet:
    """The structure's sheet for the campaign, or an unsaved one (« Non commencée »)."""
    return Sheet.objects.filter(association=association, campaign=campaign).first() or Sheet(
        association=association, campaign=campaign
    )


def sheets_with_people() -> QuerySet[Sheet]:
    """Sheets with their campaign, structure and the people who transmitted and validated them,
    for the review page."""
    return Sheet.objects.select_related("campaign", "association", "submitted_by", "validated_by")


def campaign_contact(*, association: Association) -> CampaignContact | None:
    return CampaignContact.objects.filter(association=association).first()


def sheets_of_association(*, association: Association) -> QuerySet[Sheet]:
    return (
        Sheet.objects.filter(association=association).select_related("campaign").order_by("-campaign__year")
    )


def sheet_audit(*, sheet: Sheet):
    return sheet.audit.select_related("user", "indicator", "category").order_by("-created_at", "-id")


def sheet_status_line(*, sheet: Sheet) -> str:
    """What comes next, written to follow the badge (`sheet.state_label`), which says what the
    sheet is: « [Brouillon] : à transmettre avant le … », « [Transmise] le … : en cours
    d'examen par le CCAS. » The state is never written twice."""
    deadline = format_date(sheet.deadline)
    if not sheet.is_started:
        return f": à transmettre avant le {deadline}."
    if sheet.is_submitted:
        return f"le {format_date(sheet.submitted_at)} : en cours d'examen par le CCAS."
    if sheet.is_validated:
        return f"par le CCAS le {format_date(sheet.validated_at)}."
    if sheet.is_returned:
        return f": à transmettre de nouveau avant le {deadline}."
    return f": à transmettre avant le {deadline}."
