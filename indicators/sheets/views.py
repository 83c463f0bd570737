"""Association-side pages: home, the sheet form, the activity report. Thin: services do the work."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from associations.structures.models import Association
from associations.structures.permissions import association_permission_required
from associations.structures.selectors import associations_of_user
from indicators.catalogue import selectors as catalogue_selectors
from indicators.catalogue.models import Campaign
from solidaire.accounts.permissions import permission_required, signed_in

from . import selectors, services
from .forms import CampaignContactForm, SheetForm, sheet_groups
from .models import Sheet
from .permissions import can_fill_sheet, can_name_contact, can_review, can_view_sheets

logger = logging.getLogger(__name__)

SAVE_FAILED = (
    "L'enregistrement n'a pas pu aboutir (base de données momentanément indisponible). Vos saisies "
    "sont ré-affichées ci-dessous mais n'ont pas été enregistrées\u00a0: réessayez dans un instant."
)


@permission_required(signed_in)
def indicators_home(request: HttpRequest) -> HttpResponse:
    campaign = catalogue_selectors.campaign_current()
    associations = list(associations_of_user(user=request.user))
    sheets = selectors.sheets_by_association(campaign=campaign, associations=associations) if campaign else {}
    rows = [{"association": a, "sheet": sheets.get(a.pk)} for a in associations]
    return render(
        request,
        "indicators/indicators_home.html",
        {
            "campaign": campaign,
            "rows": rows,
            "is_staff": can_review(request.user),
        },
    )


@association_permission_required(can_fill_sheet)
def sheet_edit(request: HttpRequest, association: Association, year: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, year=year)
    sheet = selectors.sheet_or_new(association=association, campaign=campaign)
    contact_form = None
    if request.method == "POST" and request.POST.get("action") == "contact":
        if isinstance(done := _handle_contact(request, association, campaign), HttpResponse):
            return done
        contact_form = done  # shown again with its errors; the sheet form stays as saved
    sheet_posted = request.method == "POST" and contact_form is None
    layout = catalogue_selectors.campaign_layout(campaign=campaign)
    raw = selectors.sheet_raw_values(sheet=sheet)
    lock_reason = services.sheet_lock_reason(sheet=sheet)
    results = []
    form = None
    if lock_reason is None:
        form = SheetForm(
            request.POST if sheet_posted else None,
            request.FILES if sheet_posted else None,
            layout=layout,
            initial_values=raw,
            initial={"version": sheet.version},
        )
        if sheet_posted:
            outcome, sheet = _handle_post(request, form, sheet)
            if isinstance(outcome, HttpResponse):
                return outcome
            results = outcome
    elif sheet_posted:
        messages.error(request, lock_reason)
    totals, breakdowns = selectors.values_by_code(layout=layout, raw=raw)
    previous = selectors.previous_totals(association=association, year=campaign.year)
    return render(
        request,
        "indicators/sheet_form.html",
        {
            "association": association,
            "campaign": campaign,
            "sheet": sheet,
            "form": form,
            "lock_reason": lock_reason,
            "status_line": selectors.sheet_status_line(sheet=sheet),
            "results": results,
            "has_warnings": any(r.is_warning for r in results),
            "groups": sheet_groups(
                layout=layout,
                form=form,
                totals=totals,
                breakdowns=breakdowns,
                previous=previous,
                previous_parts=selectors.previous_breakdowns(association=association, year=campaign.year),
            ),
            "contact_form": contact_form or _contact_form(request.user, association),
        },
        status=400 if request.method == "POST" else 200,
    )


def _contact_form(user, association, data=None) -> CampaignContactForm | None:
    if not can_name_contact(user, association):
        return None
    contact = selectors.campaign_contact(association=association)
    initial = {"name": contact.name, "email": contact.email} if contact else {}
    return CampaignContactForm(data, initial=initial, prefix="contact")


def _handle_contact(request, association: Association, campaign: Campaign):
    """The « who receives the campaign's e-mails » form: a redirect once saved, else the bound
    form to show again with its errors."""
    form = _contact_form(request.user, association, request.POST)
    if form is None:
        raise PermissionDenied(
            "Seuls les administrateurs de la structure ou le CCAS choisissent le destinataire."
        )
    if not form.is_valid():
        return form
    try:
        contact = services.campaign_contact_set(
            association=association,
            email=form.cleaned_data["email"],
            name=form.cleaned_data["name"],
            by=request.user,
        )
    except ValidationError as exc:
        form.add_error("email", exc)
        return form
    if contact:
        messages.success(request, f"Les e-mails de la campagne iront désormais à {contact.email}.")
    else:
        messages.success(request, "Les e-mails de la campagne iront à tous les membres de la structure.")
    return redirect("indicators:sheet", slug=association.slug, year=campaign.year)


def _handle_post(request, form: SheetForm, sheet: Sheet):
    """Returns (a redirect on success, else the rule results to show, the sheet as it now is):
    a refused submission creates the draft, and the page must show that sheet, not the unsaved
    one it started from (« Non commencée » beside « enregistrées comme brouillon »)."""
    if not form.is_valid():
        form.add_error(None, "Certaines valeurs sont invalides : corrigez les champs signalés.")
        return [], sheet
    submit = request.POST.get("action") == "submit"
    try:
        if sheet.pk is None:
            sheet = services.sheet_get_or_create(association=sheet.association, campaign=sheet.campaign)
        kwargs = {
            "sheet": sheet,
            "user": request.user,
            "values": form.values(),
            "expected_version": form.cleaned_data["version"],
            "activity_report": form.cleaned_data.get("activity_report") or None,
        }
        if submit:
            services.sheet_submit(confirm_warnings=form.cleaned_data["confirm_warnings"], **kwargs)
            messages.success(request, "Fiche transmise au CCAS. Merci !")
        else:
            services.sheet_save_draft(**kwargs)
            messages.success(request, "Brouillon enregistré. Vous pouvez y revenir plus tard.")
    except services.SheetRulesError as exc:
        form.add_error(None, str(exc))
        if exc.sheet is not None:
            # The draft was saved: the form now edits its new version.
            form.data = form.data.copy()
            form.data["version"] = exc.sheet.version
            sheet.refresh_from_db()
        return exc.results, sheet
    except services.SheetError as exc:
        form.add_error(None, str(exc))
        return [], sheet
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
        return [], sheet
    except DatabaseError:
        # A busy or briefly unavailable database: the transaction was rolled back as a whole;
        # the person keeps what they typed and can simply try again.
        logger.exception("Saving the indicator sheet %s failed", sheet.pk)
        form.add_error(None, SAVE_FAILED)
        return [], sheet
    return redirect("indicators:sheet", slug=sheet.association.slug, year=sheet.campaign.year), sheet


@require_safe
@association_permission_required(can_view_sheets)
def activity_report(request: HttpRequest, association: Association, year: int) -> FileResponse:
    """The uploaded PDF, served through the permission check (never a public media URL)."""
    sheet = get_object_or_404(Sheet, association=association, campaign__year=year)
    if not sheet.activity_report:
        raise Http404("Aucun rapport d'activité déposé.")
    return FileResponse(
        sheet.activity_report.open("rb"),
        content_type="application/pdf",
        filename=f"rapport-activite-{association.slug}-{year}.pdf",
    )
