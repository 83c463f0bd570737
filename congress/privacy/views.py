"""Erasing one's registration from the private link."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from congress.registrations.models import Registration
from congress.registrations.views import with_registration

from . import services


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@with_registration
def registration_erase(request: HttpRequest, registration: Registration) -> HttpResponse:
    if request.method == "POST":
        services.registration_erase(registration=registration)
        messages.success(
            request, "Votre inscription est annulée et vos données personnelles ont été effacées."
        )
        return redirect(registration.edition.get_absolute_url())
    return render(request, "congress/registration_cancel.html", {"registration": registration, "erase": True})
