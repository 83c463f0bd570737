"""The public form to join the users' council."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from solidaire.accounts.permissions import public
from solidaire.core.security.ratelimit import LIMITED, request_allowed

from . import services
from .forms import CouncilRequestForm

THANKS = (
    "Merci ! Votre demande est bien reçue. Le CCAS vous recontactera pour vous présenter le "
    "conseil des usagers."
)


@require_http_methods(["GET", "HEAD", "POST"])
@public
def council_join(request: HttpRequest) -> HttpResponse:
    form = CouncilRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not request_allowed(request, scope="council_request"):
            form.is_valid()
            form.add_error(None, LIMITED)
            status = 429
        elif form.is_valid():
            if form.is_spam:
                messages.success(request, THANKS)  # a bot learns nothing; nothing is kept
                return redirect("associations:council_join")
            data = {k: v for k, v in form.cleaned_data.items() if k != "site_web"}
            try:
                services.council_request_create(**data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, THANKS)
                return redirect("associations:council_join")
    return render(request, "associations/council/council_join.html", {"form": form}, status=status)
