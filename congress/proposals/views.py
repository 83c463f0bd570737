"""Proposals pages: submit (attendees through their private link, facilitators signed in),
tend them (facilitators), and the cahier's PDF."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from congress.editions.models import CongressEdition
from congress.editions.permissions import EDITION, can_facilitate, can_manage_congress, can_manage_edition
from congress.registrations.models import Registration
from congress.registrations.views import with_registration
from solidaire.accounts.permissions import permission_required, public, signed_in
from solidaire.core.documents.views import document_response
from solidaire.core.security.ratelimit import count_accepted
from solidaire.core.security.spam import Outcome, submission_outcome

from . import selectors, services
from .forms import MergeForm, ProposalEditForm, ProposalForm


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@public
def cahier(request: HttpRequest, year: int) -> HttpResponse:
    get_object_or_404(CongressEdition, year=year)
    return document_response(request, kind=services.CAHIER, params={"year": year})


@permission_required(signed_in)
@require_http_methods(["GET", "HEAD", "POST"])
def proposal_list(request: HttpRequest, year: int) -> HttpResponse:
    """The proposals of an edition, by theme, for facilitators and staff; they may add some."""
    edition = get_object_or_404(CongressEdition, year=year)
    groups = selectors.proposals_by_theme(edition)
    editable = [g for g in groups if can_facilitate(request.user, g.theme)]
    if not editable and not can_manage_congress(request.user):
        raise PermissionDenied("Cette page est réservée aux animateur·rices des ateliers et au CCAS.")
    form = ProposalForm(request.POST or None, edition=edition)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_submit(
                theme=form.chosen_theme,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                user=request.user,
            )
        except (ValidationError, PermissionDenied) as exc:
            _add_errors(form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
        else:
            messages.success(request, "Proposition ajoutée.")
            return redirect("congress:proposals", year=year)
    return render(
        request,
        "congress/proposal_list.html",
        {"edition": edition, "groups": editable, "form": form, "is_staff": can_manage_congress(request.user)},
    )


@permission_required(
    can_manage_edition, load=EDITION, message="Seul le CCAS publie le cahier des propositions."
)
@require_POST
def cahier_publish(request: HttpRequest, edition: CongressEdition) -> HttpResponse:
    year = edition.year
    try:
        services.cahier_publish(edition=edition, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            "Le cahier est publié : il est en cours de production et sera public sur la page de l'édition.",
        )
    return redirect("congress:proposals", year=year)


@permission_required(signed_in)
@require_http_methods(["GET", "HEAD", "POST"])
def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(selectors.proposals_with_edition(), pk=pk)
    if not can_facilitate(request.user, proposal.theme):
        raise PermissionDenied(
            "Seul·es les animateur·rices de ce thème et le CCAS peuvent modifier ces propositions."
        )
    edit_form = ProposalEditForm(
        request.POST if request.POST.get("action") == "edit" else None,
        initial={f: getattr(proposal, f) for f in ["title", "body", "group_label", "status"]},
    )
    merge_form = MergeForm(request.POST if request.POST.get("action") == "merge" else None, proposal=proposal)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "merge" and merge_form.is_valid():
                services.proposal_merge(
                    proposal=proposal, into=merge_form.cleaned_data["into"], by=request.user
                )
                messages.success(request, "Propositions fusionnées.")
                return redirect("congress:proposals", year=proposal.theme.edition.year)
            if request.POST.get("action") == "edit" and edit_form.is_valid():
                services.proposal_edit(proposal=proposal, by=request.user, **edit_form.cleaned_data)
                messages.success(request, "Proposition enregistrée.")
                return redirect("congress:proposals", year=proposal.theme.edition.year)
        except ValidationError as exc:
            _add_errors(merge_form if request.POST.get("action") == "merge" else edit_form, exc)
    return render(
        request,
        "congress/proposal_edit.html",
        {"proposal": proposal, "edit_form": edit_form, "merge_form": merge_form},
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@with_registration
def proposal_submit(request: HttpRequest, registration: Registration) -> HttpResponse:
    """A confirmed attendee proposes, from their private link."""
    edition = registration.edition
    if not registration.is_confirmed:
        messages.error(request, "Confirmez d'abord votre inscription pour pouvoir faire des propositions.")
        return redirect(registration.get_absolute_url())
    form = ProposalForm(request.POST or None, edition=edition)
    thanks = "Merci, votre proposition a été transmise aux animateur·rices de l'atelier."
    status = 200
    if request.method == "POST":
        # Per client address per day, counting what was accepted (and honeypot hits); the
        # service limits each registration per day.
        outcome = submission_outcome(request, form, scope="congress_proposal", counts="accepted")
        if outcome is Outcome.LIMITED:
            status = 429
        elif outcome is Outcome.INVALID:
            status = 400
        elif outcome is Outcome.SPAM:  # answered as if it worked, nothing kept
            messages.success(request, thanks)
            return redirect(registration.get_absolute_url())
        else:
            try:
                services.proposal_submit(
                    theme=form.chosen_theme,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    registration=registration,
                )
            except ValidationError as exc:
                _add_errors(form, exc)
                status = 400
            else:
                count_accepted(request, scope="congress_proposal")
                messages.success(request, thanks)
                return redirect(registration.get_absolute_url())
    return render(
        request,
        "congress/proposal_submit.html",
        {"registration": registration, "edition": edition, "form": form},
        status=status,
    )
