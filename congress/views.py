from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from . import selectors
from .models import CongressEdition


def congress_index(request: HttpRequest) -> HttpResponse:
    editions = list(selectors.editions())
    return render(
        request,
        "congress/congress_index.html",
        {
            "latest": editions[0] if editions else None,
            "editions": editions,
        },
    )


def edition_detail(request: HttpRequest, year: int) -> HttpResponse:
    try:
        edition = selectors.edition_get(year=year)
    except CongressEdition.DoesNotExist:
        raise Http404("Édition introuvable") from None
    return render(request, "congress/edition_detail.html", {"edition": edition})
