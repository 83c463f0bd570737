"""Information pages."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from solidaire.accounts.permissions import public

from .actions import page_actions
from .models import InfoPage
from .selectors import info_page_get


@require_safe
@public
def info_page(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        page = info_page_get(slug=slug)
    except InfoPage.DoesNotExist:
        raise Http404("Page introuvable") from None
    return render(request, "core/infopage_detail.html", {"page": page, "actions": page_actions(page.slug)})
