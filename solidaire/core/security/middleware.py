"""Request and response guards.

Responses to signed-in users carry their name, their structures' data, exports, reports:
no shared cache (a caching proxy, a CDN) may keep one and serve it to someone else."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import patch_cache_control


class PrivateWhenSignedInMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if getattr(user, "is_authenticated", False) and "Cache-Control" not in response:
            patch_cache_control(response, private=True, no_cache=True)
        return response


class RequestSizeLimitMiddleware:
    """Refuse a request whose declared body is over REQUEST_MAX_BODY_SIZE with 413, before the
    body is read (Django's DATA_UPLOAD_MAX_MEMORY_SIZE leaves uploaded files out, and would only
    stop after reading them). The reverse proxy enforces the same cap in production."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.REQUEST_MAX_BODY_SIZE
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if limit and length > limit:
            html = loader.get_template("413.html").render({"limit_mb": limit // (1024 * 1024)})
            return HttpResponse(html, status=413)
        return self.get_response(request)
