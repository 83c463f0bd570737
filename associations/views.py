"""Directory pages and the member area. Thin: parse, check permission, call a service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from solidaire.core.security.ratelimit import LIMITED, request_allowed

from . import selectors, services
from .forms import MembershipDecisionForm, MembershipRequestForm
from .models import Association, Membership
from .permissions import association_permission_required, can_manage, can_view_private


@login_required
@require_http_methods(["GET", "POST"])
def membership_request(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        association = selectors.association_get_public(slug=slug)
    except Association.DoesNotExist:
        raise Http404("Structure introuvable") from None
    form = MembershipRequestForm(request.POST or None)
    status = 200
    # Each request e-mails the structure's admins: a cap keeps anyone from spamming them all.
    if (
        request.method == "POST"
        and form.is_valid()
        and not request_allowed(request, scope="membership_request")
    ):
        form.add_error(None, LIMITED)
        status = 429
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_request(
                user=request.user, association=association, message=form.cleaned_data["message"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                "Votre demande a été envoyée aux responsables de la "
                "structure. Vous recevrez un e-mail quand elle sera traitée.",
            )
            return redirect("portal:account")
    return render(
        request,
        "associations/membership_request.html",
        {"association": association, "form": form},
        status=status,
    )


@association_permission_required(can_view_private)
def member_area(request: HttpRequest, association: Association) -> HttpResponse:
    return render(
        request,
        "associations/member_area.html",
        {
            "association": association,
            "members": list(selectors.association_members(association=association)),
            "services": list(association.services.order_by("name")),
            "proposals": list(selectors.change_proposals_of(association=association)),
            "can_manage": can_manage(request.user, association),
            "decision_form": MembershipDecisionForm(),
        },
    )


@require_POST
@association_permission_required(can_manage)
def membership_decide(request: HttpRequest, association: Association, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership, pk=pk, association=association)
    form = MembershipDecisionForm(request.POST)
    if form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                services.membership_approve(
                    membership=membership, by=request.user, role=form.cleaned_data["role"]
                )
                messages.success(request, f"{membership.user} fait désormais partie de la structure.")
            else:
                services.membership_reject(
                    membership=membership, by=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(request, "La demande a été refusée ; la personne est prévenue.")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect("associations:member_area", slug=association.slug)
