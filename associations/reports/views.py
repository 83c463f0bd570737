"""Anyone may report an error on a published card."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from solidaire.accounts.permissions import public
from solidaire.core.security.spam import Outcome, submission_outcome

from . import selectors, services
from .forms import CardReportForm


def _thanks(association) -> str:
    recipients = selectors.card_report_recipients_text(association=association)
    return f"Merci ! Votre signalement est transmis {recipients}."


@require_http_methods(["GET", "HEAD", "POST"])
@public
def card_report(request: HttpRequest, slug: str) -> HttpResponse:
    association = selectors.published_association(slug=slug)
    if association is None:
        raise Http404("Structure introuvable")
    form = CardReportForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        outcome = submission_outcome(request, form, scope="card_report")
        if outcome is Outcome.LIMITED:
            status = 429
        elif outcome is Outcome.SPAM:
            messages.success(request, _thanks(association))  # a bot learns nothing; nothing is kept
            return redirect(association.get_absolute_url())
        elif outcome is Outcome.VALID:
            try:
                services.card_report_create(association=association, **form.data_without_honeypot())
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _thanks(association))
                return redirect(association.get_absolute_url())
    return render(
        request,
        "associations/reports/card_report.html",
        {
            "association": association,
            "form": form,
            "recipients": selectors.card_report_recipients_text(association=association),
        },
        status=status,
    )
