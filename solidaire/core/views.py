"""The portal's own pages: home, information pages, the user's space, health check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from associations.structures.selectors import memberships_of_user
from charter.selectors import signatory_count
from events.selectors import upcoming_events

from .models import InfoPage
from .selectors import info_page_get


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/home.html",
        {
            "signatory_count": signatory_count(),
            "upcoming_events": list(upcoming_events(limit=3)),
        },
    )


@require_GET
def info_page(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        page = info_page_get(slug=slug)
    except InfoPage.DoesNotExist:
        raise Http404("Page introuvable") from None
    return render(request, "core/infopage_detail.html", {"page": page})


@login_required
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/account.html",
        {
            "memberships": list(memberships_of_user(user=request.user)),
        },
    )


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for the load balancer and the benchmarks: answers without touching the DB
    unless asked (`?db=1`)."""
    payload = {"status": "ok"}
    if request.GET.get("db"):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        payload["database"] = "ok"
    return JsonResponse(payload)


def error_404(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_403(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_500(request: HttpRequest) -> HttpResponse:
    # No context processors that might fail again: a static page.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)
