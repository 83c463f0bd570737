"""Anyone may report an error on a published card."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from associations.structures.models import Association
from associations.structures.taxonomy import PublicationStatus
from solidaire.core.security.ratelimit import LIMITED, request_allowed

from . import selectors, services
from .forms import CardReportForm


def _thanks(association) -> str:
    recipients = selectors.card_report_recipients_text(association=association)
    return f"Merci ! Votre signalement est transmis {recipients}."


@require_http_methods(["GET", "HEAD", "POST"])
def card_report(request: HttpRequest, slug: str) -> HttpResponse:
    association = Association.objects.filter(slug=slug, status=PublicationStatus.PUBLISHED).first()
    if association is None:
        raise Http404("Structure introuvable")
    form = CardReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not request_allowed(request, scope="card_report"):
            form.is_valid()
            form.add_error(None, LIMITED)
            status = 429
        elif form.is_valid():
            if form.is_spam:
                messages.success(request, _thanks(association))  # a bot learns nothing; nothing is kept
                return redirect(association.get_absolute_url())
            try:
                services.card_report_create(
                    association=association,
                    topic=form.cleaned_data["topic"],
                    message=form.cleaned_data["message"],
                    email=form.cleaned_data["email"],
                )
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
