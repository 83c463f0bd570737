"""Views of the CCAS follow-up page: moderated changes, proposed structures, the campaign."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from associations.directory import services as directory_services
from associations.directory.forms import DecisionForm
from associations.directory.moderation import proposals_with_diffs
from associations.practices.selectors import practices_submitted
from associations.structures import pending_logos, selectors, services
from associations.structures.models import Association, ChangeProposal, DirectorySettings
from solidaire.accounts.permissions import staff_required
from solidaire.core.text.french import format_count

from . import selectors as followup_selectors


@require_safe
@staff_required
def staff_followup(request: HttpRequest) -> HttpResponse:
    """CCAS: changes to moderate, proposed structures, cards to check (12 months)."""
    return render(
        request,
        "associations/staff_followup.html",
        {
            "proposals": proposals_with_diffs(followup_selectors.changes_to_moderate()),
            "structures": list(selectors.structure_proposals_pending()[:100]),
            "practices": list(practices_submitted()[:100]),
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
@staff_required
def staff_change_decide(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(ChangeProposal, pk=pk)
    per_field = "per_field" in request.POST
    return _staff_decision(
        request,
        approve=lambda: (
            directory_services.change_proposal_decide(
                proposal=proposal,
                by=request.user,
                accepted=request.POST.getlist("fields"),
                reason=request.POST.get("reason", ""),
            )
            if per_field
            else services.change_proposal_approve(proposal=proposal, by=request.user)
        ),
        reject=lambda reason: services.change_proposal_reject(
            proposal=proposal, by=request.user, reason=reason
        ),
        approved=f"Modification de « {proposal.association} » publiée.",
        rejected="Modification refusée ; la personne est prévenue.",
        failed="Impossible d'appliquer la modification : ",
    )


@require_POST
@staff_required
def staff_structure_decide(request: HttpRequest, pk: int) -> HttpResponse:
    association = get_object_or_404(Association, pk=pk)
    return _staff_decision(
        request,
        approve=lambda: services.structure_proposal_publish(association=association, by=request.user),
        reject=lambda reason: services.structure_proposal_reject(
            association=association, by=request.user, reason=reason
        ),
        approved=f"« {association} » est publiée.",
        rejected="Proposition refusée ; la personne est prévenue.",
    )


@require_POST
@staff_required
def staff_campaign(request: HttpRequest) -> HttpResponse:
    ids = directory_services.update_campaign_launch(by=request.user)
    messages.success(
        request,
        f"Campagne de mise à jour lancée : {format_count(len(ids), 'structure', feminine=True)} "
        f"{'recevra' if len(ids) < 2 else 'recevront'} « merci de vérifier votre fiche ».",
    )
    return redirect("associations:staff_followup")


@staff_required
def staff_change_logo(request: HttpRequest, pk: int) -> HttpResponse:
    """The logo a queued change proposes, for CCAS staff only (it waits in the private storage)."""
    proposal = get_object_or_404(ChangeProposal, pk=pk)
    name = proposal.payload.get("logo") or ""
    handle = pending_logos.pending_logo_open(name)
    if handle is None:
        raise Http404("Aucun logo proposé.")
    response = FileResponse(handle, filename=name.rsplit("/", 1)[-1])
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response
