"""A structure applies to take part in an edition; CCAS staff decide."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from associations.structures.selectors import published_associations_of_user
from solidaire.accounts.permissions import permission_required, signed_in

from ..calendar.permissions import STAFF_ONLY, can_decide
from . import selectors, services
from .forms import DecisionForm, ParticipationForm
from .models import Participation

PER_PAGE = 20


def add_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field when it names one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required(signed_in)
def participation_apply(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_object_or_404(selectors.editions_with_series(), slug=slug)
    associations = published_associations_of_user(user=request.user)
    closed = services.applications_closed_reason(edition)
    form = ParticipationForm(request.POST or None, associations=associations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.participation_apply(
                edition=edition,
                association=data["association"],
                user=request.user,
                offer=data["offer"],
                people=data["people"],
                needs_table=data["needs_table"],
                needs_electricity=data["needs_electricity"],
                needs_water=data["needs_water"],
                needs_details=data["needs_details"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                f"Candidature de « {data['association'].name} » envoyée : le CCAS vous répondra par e-mail.",
            )
            return redirect(edition)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "events/participation_form.html",
        {
            "edition": edition,
            "form": form,
            "closed": closed,
            "has_structures": associations.exists(),
            "applications": selectors.applications_of(associations=associations, edition=edition),
        },
        status=status,
    )


@require_safe
@permission_required(can_decide, message=STAFF_ONLY)
def staff_participations(request: HttpRequest) -> HttpResponse:
    """CCAS: applications to take part in editions, pending ones first."""
    filterset = selectors.participations_queue(params=request.GET)
    page = Paginator(filterset.qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "events/staff_participations.html",
        {
            "filterset": filterset,
            "page_obj": page,
            "participations": [(p, DecisionForm(prefix=f"p{p.pk}")) for p in page],
        },
    )


@require_POST
@permission_required(can_decide, message=STAFF_ONLY)
def participation_decide(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        participation = selectors.participation_get(pk=pk)
    except Participation.DoesNotExist:
        raise Http404("Participation introuvable") from None
    form = DecisionForm(request.POST, prefix=f"p{pk}")
    if not form.is_valid():
        messages.error(request, "Choisissez « Accepter » ou « Refuser ».")
        return redirect("events:staff_participations")
    accept = form.cleaned_data["decision"] == "accept"
    try:
        services.participation_decide(
            participation=participation, by=request.user, accept=accept, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        messages.error(request, f"{participation.association.name} : " + " ".join(exc.messages))
    else:
        verdict = "acceptée" if accept else "refusée"
        messages.success(request, f"Participation de « {participation.association.name} » {verdict}.")
    return redirect("events:staff_participations")
