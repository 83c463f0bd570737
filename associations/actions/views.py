"""Public pages of the social centres' actions. Thin: parse, select, render."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from solidaire.accounts.permissions import public

from . import selectors
from .models import Action

PER_PAGE = 20


@public
def action_list(request: HttpRequest) -> HttpResponse:
    filterset = selectors.action_filter(params=request.GET)
    page = Paginator(filterset.qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "associations/actions/action_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "is_filtered": any(v for k, v in request.GET.items() if k != "page"),
        },
    )


@public
def action_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        action = selectors.action_get_public(slug=slug)
    except Action.DoesNotExist:
        raise Http404("Fiche action introuvable") from None
    return render(request, "associations/actions/action_detail.html", {"action": action})
