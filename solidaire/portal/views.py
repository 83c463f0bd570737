"""Pages that gather every app: the home page and the user's space."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from associations.structures.selectors import memberships_of_user
from charter.selectors import signatory_count
from congress.editions.selectors import staff_tools_edition
from congress.registrations.selectors import registrations_of_user
from events.public.selectors import upcoming_events
from solidaire.accounts.roles import is_ccas_staff
from solidaire.core.worklist import pending_work_for


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/home.html",
        {
            "signatory_count": signatory_count(),
            "upcoming_events": list(upcoming_events(limit=3)),
        },
    )


@login_required
@require_safe
def account(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/account.html",
        {
            "memberships": list(memberships_of_user(user=request.user)),
            "congress": registrations_of_user(user=request.user),
        },
    )


@require_safe
def staff_home(request: HttpRequest) -> HttpResponse:
    """The CCAS staff home: everything that waits for them, with counts, ages and links."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_ccas_staff(request.user):
        raise PermissionDenied("Cette page est réservée à l'équipe du CCAS.")
    sections: dict[str, list] = {}
    for line in pending_work_for(request.user):
        sections.setdefault(line.section or "Autres demandes", []).append(line)
    return render(
        request,
        "portal/staff_home.html",
        {"sections": sections, "congress_edition": staff_tools_edition()},
    )
