"""CCAS staff pages: the campaign follow-up and the review of a sheet (return / validate / reopen)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from indicators.catalogue import selectors as catalogue_selectors
from indicators.reminders.selectors import unreachable_associations
from indicators.sheets import selectors as sheet_selectors
from indicators.sheets import services as sheet_services
from indicators.sheets.forms import sheet_groups
from indicators.sheets.models import Sheet, SheetStatus
from solidaire.accounts.permissions import staff_required
from solidaire.core.text.french import with_preposition

from . import selectors
from .forms import ReopenForm, ReturnForm


@staff_required
def followup(request: HttpRequest, year: int | None = None) -> HttpResponse:
    campaigns = list(catalogue_selectors.campaign_list())
    if year is None:
        campaign = catalogue_selectors.campaign_current()
        if campaign is None:
            return render(request, "indicators/followup.html", {"campaigns": campaigns})
    else:
        campaign = next((c for c in campaigns if c.year == year), None)
        if campaign is None:
            raise Http404("Aucune campagne pour cette année.")
    chosen = request.GET.get("statut", "")
    return render(
        request,
        "indicators/followup.html",
        {
            "campaign": campaign,
            "campaigns": campaigns,
            "rows": selectors.followup_rows(campaign=campaign, status=chosen),
            "chosen": chosen,
            "missing": selectors.MISSING,
            "completeness": selectors.followup_completeness(campaign=campaign),
            "unreachable": list(unreachable_associations(campaign=campaign)[:200]),
            "statuses": SheetStatus.choices,
        },
    )


def _sheet_or_404(year: int, slug: str) -> Sheet:
    return get_object_or_404(
        sheet_selectors.sheets_with_people(), campaign__year=year, association__slug=slug
    )


@staff_required
def review(request: HttpRequest, year: int, slug: str) -> HttpResponse:
    sheet = _sheet_or_404(year, slug)
    return _render_review(request, sheet)


def _render_review(request, sheet: Sheet, *, return_form=None, reopen_form=None, status=200):
    layout = catalogue_selectors.campaign_layout(campaign=sheet.campaign)
    raw = sheet_selectors.sheet_raw_values(sheet=sheet)
    totals, breakdowns = sheet_selectors.values_by_code(layout=layout, raw=raw)
    previous = sheet_selectors.previous_totals(association=sheet.association, year=sheet.campaign.year)
    results = sheet_services.sheet_check(sheet=sheet, layout=layout)
    return render(
        request,
        "indicators/review.html",
        {
            "sheet": sheet,
            "campaign": sheet.campaign,
            "association": sheet.association,
            "groups": sheet_groups(
                layout=layout,
                form=None,
                totals=totals,
                breakdowns=breakdowns,
                previous=previous,
                previous_parts=sheet_selectors.previous_breakdowns(
                    association=sheet.association, year=sheet.campaign.year
                ),
            ),
            "results": sorted(results, key=lambda r: (r.passed, r.severity)),
            "audit": list(sheet_selectors.sheet_audit(sheet=sheet)[:50]),
            "return_form": return_form or ReturnForm(),
            "reopen_form": reopen_form or ReopenForm(),
        },
        status=status,
    )


@require_POST
@staff_required
def review_action(request: HttpRequest, year: int, slug: str, action: str) -> HttpResponse:
    sheet = _sheet_or_404(year, slug)
    return_form = reopen_form = None
    try:
        if action == "valider":
            sheet_services.sheet_validate(sheet=sheet, user=request.user)
            messages.success(request, f"Fiche {with_preposition(sheet.association.name, 'de')} validée.")
        elif action == "renvoyer":
            return_form = ReturnForm(request.POST)
            if not return_form.is_valid():
                return _render_review(request, sheet, return_form=return_form, status=400)
            sheet_services.sheet_return(
                sheet=sheet, user=request.user, comment=return_form.cleaned_data["comment"]
            )
            messages.success(request, "Fiche renvoyée à la structure, qui en est informée.")
        elif action == "rouvrir":
            reopen_form = ReopenForm(request.POST)
            if not reopen_form.is_valid():
                return _render_review(request, sheet, reopen_form=reopen_form, status=400)
            sheet_services.sheet_reopen(
                sheet=sheet, user=request.user, reason=reopen_form.cleaned_data["reason"]
            )
            messages.success(request, "Fiche rouverte : la structure peut la corriger.")
        else:
            raise Http404("Action inconnue.")
    except (sheet_services.SheetError, ValidationError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    return redirect("indicators:review", year=year, slug=slug)
