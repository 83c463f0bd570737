"""Public pages: the agenda (list and month), an edition, a series' archive, calendar feeds."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from solidaire.accounts.permissions import public
from solidaire.core.calendar.ics import ics_response

from ..calendar.models import Edition, EventSeries
from ..participation.services import applications_closed_reason
from . import feeds, selectors, services
from .cache import TTL, results_key
from .structured import edition_json_ld


@require_safe
@public
def edition_list(request: HttpRequest) -> HttpResponse:
    """The agenda. Its results are cached per query string (see `cache`); for anonymous
    visitors without a pending message, the whole page is, as it is the same for all of them."""
    key = results_key(request.GET)
    anonymous = not request.user.is_authenticated and not len(messages.get_messages(request))
    if anonymous and (page := cache.get(f"{key}:page")) is not None:
        return HttpResponse(page)
    month_mode = request.GET.get("vue") == "mois"
    results = cache.get(key)
    if results is None:
        filterset = selectors.edition_filter(params=request.GET)
        context = {
            "filterset": filterset,
            "month_mode": month_mode,
            "series_list": list(selectors.all_series()),
        }
        if month_mode:
            month = filterset.form.cleaned_data.get("mois") if filterset.form.is_valid() else ""
            context["month"] = selectors.month_view(filterset=filterset, month=month)
        else:
            context["page_obj"] = selectors.edition_page(filterset=filterset, number=request.GET.get("page"))
        results = render_to_string("events/includes/list_results.html", context, request=request)
        cache.set(key, results, TTL)
    response = render(
        request,
        "events/edition_list.html",
        {
            # Rendered above by our own (autoescaping) template: marked safe once out of the cache.
            "results": mark_safe(results),  # noqa: S308
            "month_mode": month_mode,
            "feed_query": request.GET.urlencode(),
        },
    )
    if anonymous:
        cache.set(f"{key}:page", response.content, TTL)
    return response


@require_safe
@public
def edition_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        edition = selectors.edition_get_public(slug=slug)
    except Edition.DoesNotExist:
        raise Http404("Événement introuvable") from None
    stages = list(edition.stages.all())
    map_points = [
        {
            "name": f"{stage.position}. {stage.name}",
            "url": f"#etape-{stage.position}",
            "lat": float(stage.latitude),
            "lng": float(stage.longitude),
            "address": stage.place,
        }
        for stage in stages
        if stage.has_coordinates
    ]
    return render(
        request,
        "events/edition_detail.html",
        {
            "edition": edition,
            "stages": stages,
            "map_points": map_points,
            "json_ld": edition_json_ld(edition, absolute=request.build_absolute_uri),
            "absolute_url": request.build_absolute_uri(edition.get_absolute_url()),
            "image_url": request.build_absolute_uri(edition.image.url) if edition.image else "",
            "applications_closed": applications_closed_reason(edition),
            "MAP_TILE_URL": settings.MAP_TILE_URL,
            "MAP_TILE_ATTRIBUTION": settings.MAP_TILE_ATTRIBUTION,
        },
    )


@require_safe
@public
def series_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        series = selectors.series_get(slug=slug)
    except EventSeries.DoesNotExist:
        raise Http404("Événement introuvable") from None
    upcoming, past = selectors.series_editions(series=series)
    return render(
        request, "events/series_detail.html", {"series": series, "upcoming": upcoming, "past": past}
    )


@require_safe
@public
def calendar_feed(request: HttpRequest) -> HttpResponse:
    """Every edition to come, with the page's filters (`?type=…&quartier=…`)."""
    rows = selectors.feed_rows(filterset=selectors.edition_filter(params=request.GET))
    vevents = services.edition_vevents_refresh(rows=rows)
    return ics_response(feeds.calendar_ics(vevents), "le-mans-solidaire.ics")


@require_safe
@public
def edition_feed(request: HttpRequest, slug: str) -> HttpResponse:
    rows = selectors.edition_feed_rows(slug=slug)
    if not rows:
        raise Http404("Événement introuvable")
    vevents = services.edition_vevents_refresh(rows=rows)
    return ics_response(feeds.calendar_ics(vevents, name=rows[0]["title"]), f"{slug}.ics")
