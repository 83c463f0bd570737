"""Public pages of the congress: the featured edition, the archive, an edition's calendar file."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from solidaire.accounts.permissions import public
from solidaire.core.calendar.ics import ics_response

from . import ics, selectors
from .models import CongressEdition
from .structured import edition_json_ld


def _context(edition: CongressEdition, request: HttpRequest) -> dict:
    return {
        "edition": edition,
        "is_past": edition.is_past(),
        "registration_state": edition.registration_state(),
    }


@public
def congress_index(request: HttpRequest) -> HttpResponse:
    featured = selectors.featured_edition()
    context = {"editions": list(selectors.editions()), "featured": featured}
    if featured.edition:
        context.update(_context(featured.edition, request))
    return render(request, "congress/congress_index.html", context)


def _edition_or_404(year: int) -> CongressEdition:
    try:
        return selectors.edition_get(year=year)
    except CongressEdition.DoesNotExist:
        raise Http404("Édition introuvable") from None


@public
def edition_detail(request: HttpRequest, year: int) -> HttpResponse:
    edition = _edition_or_404(year)
    context = _context(edition, request)
    context["json_ld"] = edition_json_ld(edition, absolute=request.build_absolute_uri)
    return render(request, "congress/edition_detail.html", context)


@public
@require_safe
def edition_calendar(request: HttpRequest, year: int) -> HttpResponse:
    """The edition's days as an .ics file, to add to one's calendar."""
    edition = _edition_or_404(year)
    return ics_response(ics.edition_calendar(edition), f"congres-{edition.year}.ics")
