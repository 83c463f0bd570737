"""Pages that gather every app: the home page and the user's space."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from associations.structures.selectors import memberships_of_user
from charter.selectors import signatory_count
from congress.editions.selectors import edition_open_for_registration, featured_edition
from congress.registrations.selectors import registrations_of_user
from events.public.selectors import upcoming_events
from solidaire.accounts.permissions import permission_required, public, signed_in, staff_required
from solidaire.core.worklist import pending_work_for


@require_safe
@public
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/home.html",
        {
            "signatory_count": signatory_count(),
            "upcoming_events": list(upcoming_events(limit=3)),
            "congress": edition_open_for_registration(),
        },
    )


@require_safe
@permission_required(signed_in)
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
@staff_required
def staff_home(request: HttpRequest) -> HttpResponse:
    """The CCAS staff home: everything that waits for them, with counts, ages and links."""
    sections: dict[str, list] = {}
    for line in pending_work_for(request.user):
        sections.setdefault(line.section or "Autres demandes", []).append(line)
    # The congress tools are per edition: the next one, else the last one (as /congres/ shows).
    congress = featured_edition().edition
    return render(request, "portal/staff_home.html", {"sections": sections, "congress": congress})
