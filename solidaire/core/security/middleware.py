"""Responses to signed-in users carry their name, their structures' data, exports, reports:
no shared cache (a caching proxy, a CDN) may keep one and serve it to someone else."""

from __future__ import annotations

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
