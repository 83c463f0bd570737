"""CCAS staff pages: follow-up, review (return / validate / reopen), reminders, exports."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from associations.structures.models import Association

from . import exports, selectors, services_sheets
from .forms import ReopenForm, ReturnForm, sheet_groups
from .models import Campaign, ReminderKind, Sheet, SheetStatus, SheetValue
from .permissions import staff_required
from .services_reminders import reminder_send


@staff_required
def followup(request: HttpRequest, year: int | None = None) -> HttpResponse:
    campaigns = list(selectors.campaign_list())
    if year is None:
        campaign = selectors.campaign_current()
        if campaign is None:
            return render(request, "indicators/followup.html", {"campaigns": campaigns})
    else:
        campaign = next((c for c in campaigns if c.year == year), None)
        if campaign is None:
            raise Http404("Aucune campagne pour cette année.")
    status = request.GET.get("statut", "")
    rows = selectors.followup_rows(campaign=campaign)
    if status == "missing":
        rows = rows.filter(
            Q(sheet_status__isnull=True) | Q(sheet_status__in=[SheetStatus.DRAFT, SheetStatus.RETURNED])
        )
    elif status in SheetStatus.values:
        rows = rows.filter(sheet_status=status)
    return render(
        request,
        "indicators/followup.html",
        {
            "campaign": campaign,
            "campaigns": campaigns,
            "rows": rows,
            "status": status,
            "completeness": selectors.followup_completeness(campaign=campaign),
            "statuses": SheetStatus.choices,
            "status_labels": dict(SheetStatus.choices),
        },
    )


def _sheet_or_404(year: int, slug: str) -> Sheet:
    return get_object_or_404(
        Sheet.objects.select_related("campaign", "association", "submitted_by", "validated_by"),
        campaign__year=year,
        association__slug=slug,
    )


@staff_required
def review(request: HttpRequest, year: int, slug: str) -> HttpResponse:
    sheet = _sheet_or_404(year, slug)
    return _render_review(request, sheet)


def _render_review(request, sheet: Sheet, *, return_form=None, reopen_form=None, status=200):
    layout = selectors.campaign_layout(campaign=sheet.campaign)
    raw = selectors.sheet_raw_values(sheet=sheet)
    totals, breakdowns = selectors.values_by_code(layout=layout, raw=raw)
    previous = selectors.previous_totals(association=sheet.association, year=sheet.campaign.year)
    results = services_sheets.sheet_check(sheet=sheet, layout=layout)
    return render(
        request,
        "indicators/review.html",
        {
            "sheet": sheet,
            "campaign": sheet.campaign,
            "association": sheet.association,
            "groups": sheet_groups(
                layout=layout, form=None, totals=totals, breakdowns=breakdowns, previous=previous
            ),
            "results": sorted(results, key=lambda r: (r.passed, r.severity)),
            "audit": list(selectors.sheet_audit(sheet=sheet)[:50]),
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
            services_sheets.sheet_validate(sheet=sheet, user=request.user)
            messages.success(request, f"Fiche de {sheet.association.name} validée.")
        elif action == "renvoyer":
            return_form = ReturnForm(request.POST)
            if not return_form.is_valid():
                return _render_review(request, sheet, return_form=return_form, status=400)
            services_sheets.sheet_return(
                sheet=sheet, user=request.user, comment=return_form.cleaned_data["comment"]
            )
            messages.success(request, "Fiche renvoyée à la structure, qui en est informée.")
        elif action == "rouvrir":
            reopen_form = ReopenForm(request.POST)
            if not reopen_form.is_valid():
                return _render_review(request, sheet, reopen_form=reopen_form, status=400)
            services_sheets.sheet_reopen(
                sheet=sheet, user=request.user, reason=reopen_form.cleaned_data["reason"]
            )
            messages.success(request, "Fiche rouverte : la structure peut la corriger.")
        else:
            raise Http404("Action inconnue.")
    except (services_sheets.SheetError, ValidationError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    return redirect("indicators:review", year=year, slug=slug)


@require_POST
@staff_required
def remind(request: HttpRequest, year: int, slug: str) -> HttpResponse:
    campaign = get_object_or_404(Campaign, year=year)
    association = get_object_or_404(Association, slug=slug)
    if reminder_send(campaign=campaign, association=association, kind=ReminderKind.MANUAL, user=request.user):
        messages.success(request, f"Relance envoyée à {association.name}.")
    else:
        messages.error(request, f"Aucune adresse e-mail connue pour {association.name} : relance impossible.")
    return redirect("indicators:followup_year", year=year)


@require_GET
@staff_required
def export_campaign(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    campaign = get_object_or_404(Campaign, year=year)
    _check_format(fmt)
    if fmt == "xlsx":
        return exports.wide_xlsx_response(campaign=campaign)
    return exports.wide_csv_response(campaign=campaign)


@require_GET
@staff_required
def export_long(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every value of every year (or of `?annee=`), for the observatoire."""
    _check_format(fmt)
    values = SheetValue.objects.all()
    filename = "indicateurs-toutes-annees"
    year = request.GET.get("annee", "")
    if year:
        if not year.isdigit():
            raise Http404("Année invalide.")
        values = values.filter(sheet__campaign__year=int(year))
        filename = f"indicateurs-{year}-format-long"
    if fmt == "xlsx":
        return exports.long_xlsx_response(values=values, filename=f"{filename}.xlsx")
    return exports.long_csv_response(values=values, filename=f"{filename}.csv")


def _check_format(fmt: str) -> None:
    if fmt not in {"csv", "xlsx"}:
        raise Http404("Format inconnu.")
