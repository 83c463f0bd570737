"""The public form to join the users' council."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from solidaire.accounts.permissions import public
from solidaire.core.security.spam import Outcome, submission_outcome

from . import services
from .forms import CouncilRequestForm

THANKS = (
    "Merci ! Votre demande est bien reçue. Le CCAS vous recontactera pour vous présenter le "
    "conseil des usagers."
)


@require_http_methods(["GET", "HEAD", "POST"])
@public
def council_join(request: HttpRequest) -> HttpResponse:
    # An empty POST is still a submit to refuse (`request.POST or None` drew a blank form).
    form = CouncilRequestForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        outcome = submission_outcome(request, form, scope="council_request")
        if outcome is Outcome.LIMITED:
            status = 429
        elif outcome is Outcome.SPAM:
            messages.success(request, THANKS)  # a bot learns nothing; nothing is kept
            return redirect("associations:council_join")
        elif outcome is Outcome.VALID:
            try:
                services.council_request_create(**form.data_without_honeypot())
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, THANKS)
                return redirect("associations:council_join")
    return render(request, "associations/council/council_join.html", {"form": form}, status=status)
