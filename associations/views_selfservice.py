"""Self-service for a structure's members (card, services) and the CCAS follow-up page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from solidaire.accounts.roles import is_ccas_staff

from . import selectors, services_directory
from .forms_directory import AssociationCardForm, DecisionForm, ServiceForm
from .models import Association, Service
from .models_directory import ChangeProposal, DirectorySettings
from .permissions import association_permission_required, can_edit

QUEUED = "Merci ! Vos modifications ont été transmises au CCAS et seront publiées après validation."


def _saved_message(request, result) -> None:
    if isinstance(result, ChangeProposal):
        messages.info(request, QUEUED)
    else:
        messages.success(request, "Modifications publiées.")


@require_http_methods(["GET", "POST"])
@association_permission_required(can_edit)
def card_edit(request: HttpRequest, association: Association) -> HttpResponse:
    form = AssociationCardForm(request.POST or None, request.FILES or None, instance=association)
    if request.method == "POST" and form.is_valid() and not form.changed_data:
        messages.info(request, "Aucune modification à enregistrer.")
        return redirect("associations:member_area", slug=association.slug)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            result = services_directory.association_card_update(
                association=Association.objects.get(pk=association.pk), data=data, by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            _saved_message(request, result)
            return redirect("associations:member_area", slug=association.slug)
    return render(
        request,
        "associations/card_edit.html",
        {
            "association": association,
            "form": form,
            "moderated": not is_ccas_staff(request.user) and DirectorySettings.get().moderate_member_changes,
        },
    )


@require_http_methods(["GET", "POST"])
@association_permission_required(can_edit)
def service_edit(request: HttpRequest, association: Association, pk: int | None = None) -> HttpResponse:
    service = get_object_or_404(Service, pk=pk, association=association) if pk else None
    form = ServiceForm(request.POST or None, instance=service)
    if request.method == "POST" and form.is_valid():
        data = (
            {name: form.cleaned_data[name] for name in form.changed_data}
            if service
            else dict(form.cleaned_data)
        )
        try:
            result = services_directory.service_save(
                association=association, service=service, data=data, by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            _saved_message(request, result)
            return redirect("associations:member_area", slug=association.slug)
    return render(
        request,
        "associations/service_form.html",
        {
            "association": association,
            "form": form,
            "service": service,
        },
    )


@require_POST
@association_permission_required(can_edit)
def service_delete(request: HttpRequest, association: Association, pk: int) -> HttpResponse:
    service = get_object_or_404(Service, pk=pk, association=association)
    result = services_directory.service_delete(service=service, by=request.user)
    if result is None:
        messages.success(request, "Service supprimé.")
    else:
        messages.info(request, QUEUED)
    return redirect("associations:member_area", slug=association.slug)


@require_POST
@association_permission_required(can_edit)
def card_verified(request: HttpRequest, association: Association) -> HttpResponse:
    services_directory.association_mark_verified(association=association, by=request.user)
    messages.success(request, "Merci ! La fiche est marquée comme vérifiée aujourd'hui.")
    return redirect("associations:member_area", slug=association.slug)


def _staff_only(request: HttpRequest):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_ccas_staff(request.user):
        raise PermissionDenied("Page réservée au CCAS.")
    return None


@require_http_methods(["GET"])
def staff_followup(request: HttpRequest) -> HttpResponse:
    """CCAS: changes to moderate, proposed structures, cards to check (12 months)."""
    if (denied := _staff_only(request)) is not None:
        return denied
    return render(
        request,
        "associations/staff_followup.html",
        {
            "proposals": list(selectors.change_proposals_pending()[:100]),
            "structures": list(selectors.structure_proposals_pending()[:100]),
            "stale": list(selectors.associations_stale()[:200]),
            "stale_count": selectors.associations_stale().count(),
            "decision_form": DecisionForm(),
            "settings": DirectorySettings.get(),
        },
    )


def _staff_decision(
    request: HttpRequest, *, approve, reject, approved: str, rejected: str, failed: str = ""
) -> HttpResponse:
    """Apply a staff decision form (publish or refuse with a reason) through the given services."""
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("associations:staff_followup")
    try:
        if form.cleaned_data["decision"] == "approve":
            approve()
            messages.success(request, approved)
        else:
            reject(form.cleaned_data["reason"])
            messages.success(request, rejected)
    except ValidationError as exc:
        messages.error(request, failed + " ".join(exc.messages))
    return redirect("associations:staff_followup")


@require_POST
def staff_change_decide(request: HttpRequest, pk: int) -> HttpResponse:
    if (denied := _staff_only(request)) is not None:
        return denied
    proposal = get_object_or_404(ChangeProposal, pk=pk)
    return _staff_decision(
        request,
        approve=lambda: services_directory.change_proposal_approve(proposal=proposal, by=request.user),
        reject=lambda reason: services_directory.change_proposal_reject(
            proposal=proposal, by=request.user, reason=reason
        ),
        approved=f"Modification de « {proposal.association} » publiée.",
        rejected="Modification refusée ; la personne est prévenue.",
        failed="Impossible d'appliquer la modification : ",
    )


@require_POST
def staff_structure_decide(request: HttpRequest, pk: int) -> HttpResponse:
    if (denied := _staff_only(request)) is not None:
        return denied
    association = get_object_or_404(Association, pk=pk)
    return _staff_decision(
        request,
        approve=lambda: services_directory.structure_proposal_publish(
            association=association, by=request.user
        ),
        reject=lambda reason: services_directory.structure_proposal_reject(
            association=association, by=request.user, reason=reason
        ),
        approved=f"« {association} » est publiée.",
        rejected="Proposition refusée ; la personne est prévenue.",
    )


@require_POST
def staff_campaign(request: HttpRequest) -> HttpResponse:
    if (denied := _staff_only(request)) is not None:
        return denied
    count = services_directory.update_campaign_start(by=request.user)
    messages.success(
        request,
        f"Campagne de mise à jour lancée : {count} structure(s) recevront « merci de vérifier votre fiche ».",
    )
    return redirect("associations:staff_followup")
