"""Public directory pages: list, print, map, a card, open data exports, proposing a structure."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from associations.actions import selectors as actions_selectors
from associations.practices import selectors as practices_selectors
from associations.structures import selectors as structure_selectors
from associations.structures import services
from associations.structures.cache import TTL, results_key
from associations.structures.hours import opening_state
from associations.structures.models import Association
from associations.structures.permissions import can_view_private
from associations.volunteering import selectors as volunteering_selectors
from solidaire.accounts.permissions import permission_required, public, signed_in
from solidaire.accounts.roles import is_ccas_staff
from solidaire.core.pages.sections import page_sections
from solidaire.core.security.ratelimit import LIMITED, request_allowed

from . import exports, selectors
from .filters import FILTER_NAMES
from .forms import StructureProposalForm
from .markup import render_cards, render_filters

PAGE_SIZE = 20
PRINT_LIMIT = 200


@require_safe
@public
def association_list(request: HttpRequest) -> HttpResponse:
    if request.GET.get("format") == "print":
        return association_print(request)
    key = results_key(request.GET)
    results = cache.get(key)
    if results is None:
        form, page = selectors.association_directory_page(
            params=request.GET, page_number=request.GET.get("page"), per_page=PAGE_SIZE
        )
        results = render_to_string(
            "associations/includes/results.html",
            {
                "search_form": form,
                "filters": render_filters(
                    form, action=request.path, active_filters=_active_filter_count(request)
                ),
                "page_obj": page,
                "cards": render_cards(selectors.card_rows(page.object_list)),
                "query_string": _filters_only(request),
                "suggestion": _suggestion_link(request, selectors.search_suggestion(form=form, page=page)),
                "groups": selectors.search_other_groups(text=form.criteria.get("q", "")),
                "words_ignored": selectors.words_ignored(form=form),
            },
            request=request,
        )
        cache.set(key, results, TTL)
    return render(
        request,
        "associations/association_list.html",
        {
            "results": results,
            "query_string": _filters_only(request),
        },
    )


@require_safe
@public
def association_print(request: HttpRequest) -> HttpResponse:
    """The same search, laid out for paper: addresses, phones, hours, no pagination."""
    form, matches = selectors.directory_search(params=request.GET)
    pks = matches.pks
    return render(
        request,
        "associations/association_print.html",
        {
            "search_form": form,
            "associations": selectors.structures_in_order(pks[:PRINT_LIMIT]),
            "truncated": len(pks) > PRINT_LIMIT,
            "printed_on": timezone.localdate(),
            "query_string": _filters_only(request),
        },
    )


MAP_LIMIT = 1000


@require_safe
@public
def association_map(request: HttpRequest) -> HttpResponse:
    """The same search on a map (Leaflet); the structures are also listed as text below."""
    form, matches = selectors.directory_search(params=request.GET)
    points = selectors.map_points(matches.pks, limit=MAP_LIMIT)
    return render(
        request,
        "associations/association_map.html",
        {
            "filters": render_filters(
                form, action=request.path, active_filters=_active_filter_count(request)
            ),
            "points": points,
            # Found but not on the map (no position): said, so nobody wonders where they went.
            "unlocated": len(matches.pks) - len(points) if len(points) < MAP_LIMIT else 0,
            "query_string": _filters_only(request),
            "MAP_TILE_URL": settings.MAP_TILE_URL,
            "MAP_TILE_ATTRIBUTION": settings.MAP_TILE_ATTRIBUTION,
        },
    )


def _active_filter_count(request: HttpRequest) -> int:
    """How many filters (not the words) are set: the phone's « Filtrer » button says it."""
    return sum(1 for name in FILTER_NAMES if request.GET.get(name))


def _suggestion_link(request: HttpRequest, text: str | None) -> dict | None:
    """The suggested words and the same search with them: the filters stay as they were."""
    if not text:
        return None
    params = request.GET.copy()
    params.pop("page", None)
    params["q"] = text
    return {"text": text, "query": params.urlencode()}


def _filters_only(request: HttpRequest) -> str:
    params = request.GET.copy()
    for key in ("page", "format"):
        params.pop(key, None)
    return params.urlencode()


@require_safe
@public
def association_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        association = selectors.association_get_public(slug=slug)
    except Association.DoesNotExist:
        raise Http404("Structure introuvable") from None
    return render(
        request,
        "associations/association_detail.html",
        {
            "association": association,
            "services": list(association.services.all()),
            "missions": volunteering_selectors.missions_open_of_association(association=association),
            "actions": actions_selectors.actions_of_structure(association=association),
            "opening": opening_state(
                association.opening_hours,
                now=timezone.localtime().replace(tzinfo=None),
                closed_from=association.closed_from,
                closed_until=association.closed_until,
            ),
            "practices": practices_selectors.practices_of_structure(association=association),
            "can_view_private": can_view_private(request.user, association),
            "membership": structure_selectors.membership_of(user=request.user, association=association),
            # What other apps add to the card (its events): registered, never imported here.
            "sections": page_sections("structure", association),
            "MAP_TILE_URL": settings.MAP_TILE_URL,
            "MAP_TILE_ATTRIBUTION": settings.MAP_TILE_ATTRIBUTION,
        },
    )


@require_safe
@public
def export_structures_json(request: HttpRequest) -> StreamingHttpResponse:
    base = request.build_absolute_uri("/").rstrip("/")
    response = StreamingHttpResponse(
        exports.structures_json(base), content_type="application/json; charset=utf-8"
    )
    response["Access-Control-Allow-Origin"] = "*"  # open data
    return response


@require_safe
@public
def export_services_json(request: HttpRequest) -> StreamingHttpResponse:
    base = request.build_absolute_uri("/").rstrip("/")
    response = StreamingHttpResponse(
        exports.services_json(base), content_type="application/json; charset=utf-8"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
@permission_required(is_ccas_staff, message="Export réservé au CCAS.")
def export_structures_csv(request: HttpRequest) -> StreamingHttpResponse:
    response = StreamingHttpResponse(exports.structures_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="annuaire-structures.csv"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required(signed_in)
def structure_propose(request: HttpRequest) -> HttpResponse:
    form = StructureProposalForm(request.POST or None)
    status = 200
    # Each proposal e-mails the CCAS and creates a draft structure.
    if (
        request.method == "POST"
        and form.is_valid()
        and not request_allowed(request, scope="structure_proposal")
    ):
        form.add_error(None, LIMITED)
        status = 429
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "message"}
        try:
            services.structure_propose(user=request.user, data=data, message=form.cleaned_data["message"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                "Merci ! Votre proposition a été transmise au CCAS. "
                "Vous serez prévenu·e par e-mail de sa publication.",
            )
            return redirect("portal:account")
    return render(request, "associations/structure_propose.html", {"form": form}, status=status)
