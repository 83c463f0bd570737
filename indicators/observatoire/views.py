"""Pages of the observatoire: the public page (key figures, charts, the published report,
methodology) with the staff tools beside it, the reports page (launch, follow, list, publish),
the reference data page (imports, crossing table, map), the network dashboard and its CSVs, and
a structure's own sheet for its members."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from associations.structures.models import Association
from associations.structures.permissions import association_permission_required
from indicators.territories import selectors as territory_selectors
from indicators.territories import services as territory_services
from indicators.territories.forms import ContoursForm, ReferenceCsvForm
from solidaire.accounts.permissions import public, staff_required
from solidaire.core.documents import services as document_services
from solidaire.core.documents.models import GeneratedDocument
from solidaire.core.documents.selectors import (
    document_of_kind,
    document_status,
    document_statuses,
    documents_of_kind,
)
from solidaire.core.security.spreadsheet import safe_row

from . import documents, permissions, selectors, services
from .figures import crossing_map, key_figure_charts
from .forms import ReportForm
from .secrecy import MIN_STRUCTURES
from .tables import report_tables

REPORT_KINDS = [documents.ANNUAL, documents.THEMATIC, documents.STRUCTURE]
LIST_LENGTH = 50


def _report_or_none(year: int | None, *, internal: bool = False):
    if year is None:
        return None
    try:
        return selectors.network_report(year=year, internal=internal)
    except selectors.NoValidatedSheet:
        return None


@public
def observatoire_home(request: HttpRequest) -> HttpResponse:
    report = _report_or_none(selectors.latest_validated_year())
    publication = selectors.current_publication()
    # The crossing with socio-economic data (table and map) is shown once staff published that
    # year's report, from the same suppressed figures as the published PDF.
    crossing = None
    if publication is not None:
        published_year = publication.document.params.get("year")
        crossing = report if report and report.year == published_year else _report_or_none(published_year)
    return render(
        request,
        "indicators/observatoire/home.html",
        {
            "report": report,
            "charts": key_figure_charts(report) if report else [],
            "publication": publication,
            "crossing": crossing,
            "map": crossing_map(crossing) if crossing else "",
            "min_structures": MIN_STRUCTURES,
            "is_staff": permissions.can_use_tools(request.user),
        },
    )


@staff_required
def reports(request: HttpRequest) -> HttpResponse:
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        document = document_services.document_invalidate(
            kind=form.cleaned_data["kind"], params=form.params(), user=request.user
        )
        messages.success(request, "Production lancée : suivez son avancement ci-dessous.")
        return redirect(f"{reverse('observatoire:reports')}?suivi={document.pk}")
    followed = None
    if request.GET.get("suivi", "").isdigit():
        followed = document_of_kind(pk=int(request.GET["suivi"]), kinds=REPORT_KINDS)
    produced = list(documents_of_kind(kinds=REPORT_KINDS)[:LIST_LENGTH])
    published = selectors.published_document_ids(documents=produced)
    rows = [
        {"document": d, "status": status, "published": d.pk in published}
        for d, status in zip(produced, document_statuses(produced), strict=True)
    ]
    return render(
        request,
        "indicators/observatoire/reports.html",
        {
            "form": form,
            "rows": rows,
            "followed": document_status(followed) if followed else None,
            "annual_kind": documents.ANNUAL,
        },
        status=400 if form.errors else 200,
    )


@require_POST
@staff_required
def report_publish(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(GeneratedDocument, pk=pk)
    try:
        services.report_publish(document=document, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Rapport publié sur la page publique de l'observatoire.")
    return redirect("observatoire:reports")


def _errors_count(errors: list[str]) -> str:
    count = sum(1 for e in errors if not e.startswith("Lecture arrêtée"))
    return (
        "1 erreur, listée en haut de la page"
        if count == 1
        else f"{count} erreurs, listées en haut de la page"
    )


@staff_required
def territories(request: HttpRequest) -> HttpResponse:
    which = request.POST.get("form") if request.method == "POST" else None
    ref_data = (request.POST, request.FILES) if which == "reference" else (None, None)
    geo_data = (request.POST, request.FILES) if which == "contours" else (None, None)
    reference_form = ReferenceCsvForm(*ref_data, prefix="ref")
    contours_form = ContoursForm(*geo_data, prefix="geo")
    form = {"reference": reference_form, "contours": contours_form}.get(which)
    import_errors: list[str] = []
    if form is not None and form.is_valid():
        # One byte past the limit is enough to refuse: never read a huge upload whole.
        content = form.cleaned_data["file"].read(territory_services.MAX_IMPORT_BYTES + 1)
        try:
            if which == "reference":
                count = territory_services.reference_values_import(content=content, user=request.user)
                messages.success(request, f"{count} valeur(s) de référence importée(s).")
            else:
                count = territory_services.territory_contours_import(content=content)
                messages.success(request, f"{count} contour(s) importé(s).")
        except ValidationError as exc:
            import_errors = exc.messages
            form.add_error("file", f"Fichier refusé, rien n'a été importé : {_errors_count(import_errors)}.")
        else:
            return redirect("observatoire:territories")
    year = selectors.latest_validated_year()
    report = _report_or_none(year)
    return render(
        request,
        "indicators/observatoire/territories.html",
        {
            "reference_form": reference_form,
            "contours_form": contours_form,
            "report": report,
            "map": crossing_map(report) if report else "",
            "min_structures": MIN_STRUCTURES,
            "import_errors": import_errors,
            "import_field": form["file"].auto_id if form is not None else "",
            "territories": territory_selectors.territories_for_import(),
        },
        status=400 if form is not None and form.errors else 200,
    )


def _dashboard_report(request: HttpRequest):
    years = selectors.years_with_validated_sheets()
    year = request.GET.get("annee", "")
    year = int(year) if year.isdigit() and int(year) in years else (years[-1] if years else None)
    internal = request.GET.get("interne") == "1"
    return years, _report_or_none(year, internal=internal), internal


@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    years, report, internal = _dashboard_report(request)
    return render(
        request,
        "indicators/observatoire/dashboard.html",
        {
            "years": years,
            "report": report,
            "internal": internal,
            "charts": key_figure_charts(report) if report else [],
            "tables": report_tables(report) if report else [],
            "query": request.GET.urlencode(),
            "min_structures": MIN_STRUCTURES,
        },
    )


@staff_required
def dashboard_csv(request: HttpRequest, table: str) -> HttpResponse:
    _, report, internal = _dashboard_report(request)
    if report is None:
        messages.info(request, "Aucune fiche validée : il n'y a pas encore de tableau à télécharger.")
        return redirect("observatoire:dashboard")
    found = next((t for t in report_tables(report) if t.slug == table), None)
    if found is None:
        raise Http404("Tableau inconnu.")
    suffix = "-interne" if internal else ""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="observatoire-{table}-{report.year}{suffix}.csv"'
    response.write("\ufeff")  # spreadsheets read UTF-8 with a BOM
    writer = csv.writer(response, delimiter=";")
    writer.writerow(safe_row(found.header))
    for row in found.rows:
        writer.writerow(safe_row(row))
    return response


@association_permission_required(permissions.can_have_structure_report)
def structure_report(request: HttpRequest, association: Association) -> HttpResponse:
    """A structure's own sheet (its figures beside the network's median): produced on demand,
    followed on the document's status page, then downloaded."""
    document = document_services.document_request(
        kind=documents.STRUCTURE, params={"structure": association.pk}, user=request.user
    )
    document.refresh_from_db()  # tasks run in-process have finished by now
    if document.is_up_to_date:
        return redirect("core:document_file", pk=document.pk)
    return redirect("core:document_status", pk=document.pk)
