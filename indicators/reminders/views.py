"""The staff action on reminders: one click on the follow-up page sends a manual reminder."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from associations.structures.models import Association
from indicators.catalogue.models import Campaign
from indicators.sheets.permissions import staff_required

from .models import ReminderKind
from .services import reminder_send


@require_POST
@staff_required
def remind(request: HttpRequest, year: int, slug: str) -> HttpResponse:
    campaign = get_object_or_404(Campaign, year=year)
    association = get_object_or_404(Association, slug=slug)
    if reminder_send(campaign=campaign, association=association, kind=ReminderKind.MANUAL, user=request.user):
        messages.success(request, f"Relance envoyée à {association.name}.")
    else:
        messages.error(request, f"Aucune adresse e-mail connue pour {association.name} : relance impossible.")
    return redirect("indicators:followup_year", year=year)
