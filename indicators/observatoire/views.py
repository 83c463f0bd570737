"""Pages of the observatoire (staff only)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from indicators.sheets.permissions import staff_required


@staff_required
def observatoire_home(request: HttpRequest) -> HttpResponse:
    return render(request, "indicators/observatoire_home.html")
