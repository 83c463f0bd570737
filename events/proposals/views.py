"""Proposing an initiative; the proposer's list; CCAS staff review."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from associations.structures.selectors import published_associations_of_user
from solidaire.accounts.permissions import permission_required, signed_in

from ..calendar.permissions import STAFF_ONLY, can_decide
from ..participation.views import add_errors
from . import selectors, services
from .forms import ProposalDecisionForm, ProposalForm
from .models import EventProposal, ProposalStatus

PER_PAGE = 20

FIELDS = ProposalForm.Meta.fields


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required(signed_in)
def proposal_create(request: HttpRequest) -> HttpResponse:
    associations = published_associations_of_user(user=request.user)
    form = ProposalForm(request.POST or None, request.FILES or None, associations=associations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.proposal_submit(
                association=data["association"],
                user=request.user,
                **{name: data[name] for name in FIELDS if name != "image"},
                image=data.get("image") or None,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Proposition envoyée au CCAS : suivez sa réponse ci-dessous.")
            return redirect("events:my_proposals")
    return render(
        request,
        "events/proposal_form.html",
        {"form": form, "has_structures": associations.exists()},
        status=400 if request.method == "POST" else 200,
    )


@require_safe
@permission_required(signed_in)
def my_proposals(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "events/my_proposals.html",
        {"proposals": list(selectors.proposals_of_user(user=request.user))},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required(signed_in)
def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The proposer changes a proposal sent back by CCAS staff, and sends it again."""
    try:
        if can_decide(request.user):  # CCAS staff may fix a proposal on a structure's behalf
            proposal = selectors.proposals_to_review().get(pk=pk)
        else:
            proposal = selectors.proposal_of_user(user=request.user, pk=pk)
    except EventProposal.DoesNotExist:
        raise Http404("Proposition introuvable") from None
    if proposal.status != ProposalStatus.CHANGES_REQUESTED:
        messages.info(request, "Cette proposition n'attend pas de modification.")
        return redirect("events:my_proposals")
    form = ProposalForm(request.POST or None, instance=proposal)
    del form.fields["image"]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.proposal_resubmit(
                proposal=proposal, user=request.user, **{n: data[n] for n in FIELDS if n in form.fields}
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Proposition modifiée et renvoyée au CCAS.")
            return redirect("events:my_proposals")
    return render(
        request,
        "events/proposal_form.html",
        {"form": form, "proposal": proposal, "has_structures": True},
        status=400 if request.method == "POST" else 200,
    )


@require_safe
@permission_required(can_decide, message=STAFF_ONLY)
def staff_proposals(request: HttpRequest) -> HttpResponse:
    filterset = selectors.proposals_queue(params=request.GET)
    page = Paginator(filterset.qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "events/staff_proposals.html",
        {
            "filterset": filterset,
            "page_obj": page,
            "proposals": [(p, ProposalDecisionForm(prefix=f"p{p.pk}")) for p in page],
        },
    )


@require_POST
@permission_required(can_decide, message=STAFF_ONLY)
def proposal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        proposal = selectors.proposals_to_review().get(pk=pk)
    except EventProposal.DoesNotExist:
        raise Http404("Proposition introuvable") from None
    form = ProposalDecisionForm(request.POST, prefix=f"p{pk}")
    if not form.is_valid():
        messages.error(request, "Choisissez une décision.")
        return redirect("events:staff_proposals")
    decision, message = form.cleaned_data["decision"], form.cleaned_data["message"]
    try:
        if decision == "publish":
            edition = services.proposal_publish(proposal=proposal, by=request.user, message=message)
            messages.success(request, f"« {proposal.title} » est publiée : {edition.get_absolute_url()}")
        elif decision == "changes":
            services.proposal_request_changes(proposal=proposal, by=request.user, message=message)
            messages.success(request, f"Modifications demandées pour « {proposal.title} ».")
        else:
            services.proposal_refuse(proposal=proposal, by=request.user, message=message)
            messages.success(request, f"« {proposal.title} » est refusée.")
    except ValidationError as exc:
        messages.error(request, f"{proposal.title} : " + " ".join(exc.messages))
    return redirect("events:staff_proposals")
