"""Export downloads: a structure's own history, and the staff exports of a campaign (wide) or of
every year (long)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from associations.structures.models import Association
from associations.structures.permissions import association_permission_required
from indicators.catalogue.models import Campaign
from indicators.sheets.permissions import can_view_sheets
from solidaire.accounts.permissions import staff_required

from . import formats, selectors


@require_safe
@association_permission_required(can_view_sheets)
def association_export(request: HttpRequest, association: Association) -> HttpResponse:
    """A structure's own history, long format (never another structure's figures)."""
    values = selectors.values_of_association(association=association)
    return formats.long_csv_response(
        values=values, filename=f"indicateurs-{association.slug}.csv", codes=_codes(request)
    )


@require_safe
@staff_required
def export_campaign(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    campaign = get_object_or_404(Campaign, year=year)
    _check_format(fmt)
    if fmt == "xlsx":
        return formats.wide_xlsx_response(campaign=campaign, codes=_codes(request))
    return formats.wide_csv_response(campaign=campaign, codes=_codes(request))


@require_safe
@staff_required
def export_long(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every value of every year (or of `?annee=`), for the observatoire."""
    _check_format(fmt)
    filename = "indicateurs-toutes-annees"
    year = request.GET.get("annee", "")
    if year:
        if not year.isdigit():
            raise Http404("Année invalide.")
        filename = f"indicateurs-{year}-format-long"
    values = selectors.values_of_year(year=int(year) if year else None)
    if fmt == "xlsx":
        return formats.long_xlsx_response(values=values, filename=f"{filename}.xlsx", codes=_codes(request))
    return formats.long_csv_response(values=values, filename=f"{filename}.csv", codes=_codes(request))


def _codes(request: HttpRequest) -> bool:
    """`?entetes=codes`: the version for programs (codes as headers and statuses, decimal points)."""
    return request.GET.get("entetes") == "codes"


def _check_format(fmt: str) -> None:
    if fmt not in {"csv", "xlsx"}:
        raise Http404("Format inconnu.")
