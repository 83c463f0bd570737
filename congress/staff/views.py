"""Staff tools of an edition: dashboard, export, e-mail to attendees, badges, check-in."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from congress.editions.models import CongressEdition
from congress.editions.permissions import EDITION, can_manage_edition
from solidaire.accounts.permissions import permission_required
from solidaire.core.documents.selectors import document_status
from solidaire.core.documents.services import document_get, document_invalidate
from solidaire.core.text.french import format_count

from . import exports, selectors, services
from .documents import BADGES, DEFAULT_FORMAT
from .documents import FORMATS as BADGE_FORMATS
from .filters import RegistrationFilter
from .forms import CheckInForm, MessageForm

STAFF_ONLY = "Réservé à l'équipe du CCAS."


@require_safe
@permission_required(can_manage_edition, load=EDITION, message=STAFF_ONLY)
def dashboard(request: HttpRequest, edition: CongressEdition) -> HttpResponse:
    filterset = RegistrationFilter(request.GET or None, edition=edition)
    badges = [
        (paper, label, document_get(kind=BADGES, params={"year": edition.year, "format": paper}))
        for paper, (_per_page, label) in BADGE_FORMATS.items()
    ]
    return render(
        request,
        "congress/staff_dashboard.html",
        {
            "edition": edition,
            "stats": selectors.dashboard(edition),
            "filterset": filterset,
            "badges": [
                (paper, label, document_status(document) if document.requested_at else None)
                for paper, label, document in badges
            ],
        },
    )


@require_safe
@permission_required(can_manage_edition, load=EDITION, message=STAFF_ONLY)
def export(request: HttpRequest, edition: CongressEdition, fmt: str) -> HttpResponse:
    # Always bound: no query string means no filter (the whole list), not an unbound form.
    filterset = RegistrationFilter(request.GET, edition=edition, queryset=edition.registrations.all())
    if not filterset.is_valid():
        messages.error(request, "Filtre non valide : " + " ".join(filterset.errors.get("__all__", [])) or "")
        return redirect("congress:dashboard", year=edition.year)
    header, rows = selectors.export_rows(filterset.qs)
    filename = f"inscriptions-congres-{edition.year}.{fmt}"
    if fmt == "csv":
        return exports.csv_response(header, rows, filename)
    if fmt == "xlsx":
        return exports.xlsx_response(header, rows, filename)
    raise Http404("Format inconnu")


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required(can_manage_edition, load=EDITION, message=STAFF_ONLY)
def message(request: HttpRequest, edition: CongressEdition) -> HttpResponse:
    """Two steps: the message is previewed (the first recipient's whole e-mail, and how many
    people get it), then sent only on « Confirmer l'envoi »; « Modifier » goes back to the form
    with what was typed."""
    form = MessageForm(request.POST or None)
    preview, status = None, 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if "send" in request.POST:
                count = services.attendees_message(edition=edition, by=request.user, **data)
            else:
                preview = services.attendees_message_preview(edition=edition, by=request.user, **data)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
            status = 400
        else:
            if preview is None:
                messages.success(
                    request,
                    "Message mis dans la file d'envoi pour "
                    + format_count(count, "participant·e confirmé·e", "participant·es confirmé·es")
                    + ".",
                )
                return redirect("congress:dashboard", year=edition.year)
            if "edit" in request.POST:
                preview = None  # back to the form, with what was typed
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "congress/staff_message.html",
        {"edition": edition, "form": form, "preview": preview},
        status=status,
    )


@require_POST
@permission_required(can_manage_edition, load=EDITION, message=STAFF_ONLY)
def badges(request: HttpRequest, edition: CongressEdition) -> HttpResponse:
    """Produce the badges again from the confirmed registrations (the status shows on the
    dashboard, the file downloads from the shared documents page)."""
    paper = request.POST.get("format", DEFAULT_FORMAT)
    if paper not in BADGE_FORMATS:
        messages.error(request, "Format de badges inconnu : choisissez A4 ou A6.")
        return redirect("congress:dashboard", year=edition.year)
    document_invalidate(
        kind=BADGES,
        params={"year": edition.year, "format": paper},
        user=request.user,
        reason="Badges demandés",
    )
    messages.success(request, f"Les badges ({BADGE_FORMATS[paper][1]}) sont en cours de production.")
    return redirect("congress:dashboard", year=edition.year)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@permission_required(can_manage_edition, load=EDITION, message=STAFF_ONLY)
def checkin(request: HttpRequest, edition: CongressEdition) -> HttpResponse:
    """The tablet at the entrance: search by name, or scan / type the badge's code."""
    form = CheckInForm(request.POST or None)
    result, status = None, 200
    if request.method == "POST" and form.is_valid():
        try:
            result = services.registration_check_in(
                edition=edition, code=form.cleaned_data["code"], by=request.user
            )
        except ValidationError as exc:
            form.add_error("code", exc.messages)
            status = 400
        else:
            form = CheckInForm()
    query = request.GET.get("q", "")[:100]
    return render(
        request,
        "congress/staff_checkin.html",
        {
            "edition": edition,
            "form": form,
            "result": result,
            "query": query,
            "found": selectors.checkin_search(edition, query),
            "counts": selectors.checkin_counts(edition),
        },
        status=status,
    )


@never_cache
@require_safe
@permission_required(can_manage_edition, load=EDITION, message=STAFF_ONLY)
def checkin_counts(request: HttpRequest, edition: CongressEdition) -> JsonResponse:
    return JsonResponse(selectors.checkin_counts(edition))
