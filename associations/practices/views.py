"""Practices pages: the public list and card, the structure's writing form, the booklet."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from associations.structures.models import Association
from associations.structures.permissions import association_permission_required
from solidaire.accounts.permissions import permission_required, public
from solidaire.core.documents import selectors as document_selectors
from solidaire.core.documents import services as document_services

from . import selectors, services
from .documents import BOOKLET
from .forms import PracticeForm
from .models import Practice
from .permissions import can_publish, can_view, can_write

PAGE_SIZE = 20


@require_safe
@public
def practice_list(request: HttpRequest) -> HttpResponse:
    filterset, practices, actions_page = selectors.practice_directory(
        params=request.GET, page_number=request.GET.get("page"), per_page=PAGE_SIZE
    )
    return render(
        request,
        "associations/practices/practice_list.html",
        {
            "filter": filterset,
            "filter_action": "associations:practice_list",
            "practices": practices,
            "page_obj": actions_page,
            "can_publish": can_publish(request.user),
        },
    )


@require_safe
@public
def practice_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        practice = selectors.practice_get(slug=slug)
    except Practice.DoesNotExist:
        raise Http404("Pratique introuvable") from None
    if not can_view(request.user, practice):
        raise Http404("Pratique introuvable")
    writer, publisher = can_write(request.user, practice.association), can_publish(request.user)
    return render(
        request,
        "associations/practices/practice_detail.html",
        {
            "practice": practice,
            "can_write": writer,
            "can_publish": publisher,
            # The public reads the published text only; the structure and staff see what waits.
            "show_pending": writer or publisher,
            "pending_diff": selectors.practice_pending_diff(practice) if writer or publisher else [],
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@association_permission_required(can_write)
def practice_edit(request: HttpRequest, association: Association, pk: int | None = None) -> HttpResponse:
    practice = get_object_or_404(Practice, pk=pk, association=association) if pk else None
    # A change waiting for the CCAS is what the member goes on editing (not a second one).
    shown = selectors.practice_pending_view(practice) if practice else None
    initial = {}
    if practice and practice.pending_changes and "thematiques" in practice.pending_changes:
        initial["thematiques"] = practice.pending_changes["thematiques"]
    form = PracticeForm(request.POST or None, instance=shown, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            practice = services.practice_save(
                user=request.user,
                association=association,
                practice=practice,
                data=form.cleaned_data,
                submit="submit" in request.POST,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if practice.pending_changes:
                messages.success(
                    request,
                    "Merci ! Votre modification est transmise au CCAS : la version publiée reste en "
                    "ligne jusqu'à sa validation.",
                )
            elif "submit" in request.POST:
                messages.success(request, "Merci ! La pratique est transmise au CCAS, qui la publiera.")
            else:
                messages.success(request, "Pratique enregistrée.")
            return redirect(practice.get_absolute_url())
    return render(
        request,
        "associations/practices/practice_form.html",
        {"association": association, "form": form, "practice": practice},
    )


@require_POST
@permission_required(can_publish, message="Réservé au CCAS.")
def practice_decide(request: HttpRequest, slug: str) -> HttpResponse:
    practice = get_object_or_404(Practice, slug=slug)
    decision = request.POST.get("decision")
    try:
        if decision == "approve_change":
            services.practice_change_approve(user=request.user, practice=practice)
            messages.success(request, "Modification publiée.")
        elif decision == "reject_change":
            services.practice_change_reject(user=request.user, practice=practice)
            messages.success(request, "Modification refusée : la version publiée reste en ligne.")
        elif decision == "archive":
            services.practice_archive(user=request.user, practice=practice)
            messages.success(request, "Pratique archivée.")
        else:
            services.practice_publish(user=request.user, practice=practice)
            messages.success(request, "Pratique publiée.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    # From the follow-up page's list, staff go back to the list (the next practice to publish).
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect(practice.get_absolute_url())


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required(can_publish, message="Réservé au CCAS.")
def practice_booklet(request: HttpRequest) -> HttpResponse:
    """Staff ask for the booklet « Pratiques inspirantes » and follow its rendering."""
    if request.method == "POST":
        document_services.document_request(kind=BOOKLET, params={}, user=request.user)
        return redirect("associations:practice_booklet")
    document = document_selectors.documents_of_kind(kinds=[BOOKLET]).first()
    if document is not None and document.has_file:
        # A practice published, changed or archived since: the booklet is produced again.
        document = document_services.document_request(kind=BOOKLET, params={}, user=request.user)
        document.refresh_from_db()
    return render(
        request,
        "associations/practices/practice_booklet.html",
        {
            "document": document,
            "status": document_selectors.document_status(document) if document else None,
        },
    )
