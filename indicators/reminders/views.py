"""The staff actions on reminders, from the follow-up page: remind one structure, or every late one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from associations.structures.models import Association
from indicators.catalogue.models import Campaign
from solidaire.accounts.permissions import staff_required
from solidaire.core.text.french import format_count, with_preposition

from .models import ReminderKind
from .services import reminder_send, reminders_send_late


@require_POST
@staff_required
def remind(request: HttpRequest, year: int, slug: str) -> HttpResponse:
    campaign = get_object_or_404(Campaign, year=year)
    association = get_object_or_404(Association, slug=slug)
    try:
        reminder_send(campaign=campaign, association=association, kind=ReminderKind.MANUAL, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Relance envoyée {with_preposition(association.name, 'à')}.")
    return redirect("indicators:followup_year", year=year)


@require_POST
@staff_required
def remind_all(request: HttpRequest, year: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, year=year)
    report = reminders_send_late(campaign=campaign, user=request.user)
    parts = [format_count(len(report.sent), "relance envoyée", feminine=True)]
    if report.already:
        parts.append(
            format_count(len(report.already), "structure déjà relancée", feminine=True) + " aujourd'hui"
        )
    if report.unreachable:
        parts.append(
            format_count(
                len(report.unreachable), "structure sans adresse", "structures sans adresse", feminine=True
            )
            + " (liste « Structures injoignables » ci-dessous)"
        )
    level = messages.SUCCESS if report.sent else messages.WARNING
    summary = " ; ".join(parts)
    messages.add_message(request, level, summary[0].upper() + summary[1:] + ".")
    return redirect("indicators:followup_year", year=year)
