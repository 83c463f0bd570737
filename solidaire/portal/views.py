"""Pages that gather every app: the home page and the user's space."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from associations.structures.selectors import memberships_of_user
from charter.selectors import signatory_count
from events.public.selectors import upcoming_events


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
        },
    )
