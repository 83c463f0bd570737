from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from . import selectors
from .models import Event


def event_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "events/event_list.html",
        {
            "upcoming": list(selectors.upcoming_events()),
            "past": list(selectors.past_events()),
        },
    )


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        event = selectors.event_get_public(slug=slug)
    except Event.DoesNotExist:
        raise Http404("Événement introuvable") from None
    return render(request, "events/event_detail.html", {"event": event})
