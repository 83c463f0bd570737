"""The URLs of `make run` (solidaire.settings.dev): the portal's, plus the uploads in MEDIA_ROOT.

In production the proxy serves /media/; the embedded default has no proxy and runs with DEBUG
off, where Django's `static()` helper adds nothing, so the route is spelled out here.
"""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from solidaire.urls import handler403, handler404, handler500
from solidaire.urls import urlpatterns as portal_urlpatterns

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]

urlpatterns = [*portal_urlpatterns]
if not settings.DEBUG:  # with DEBUG on, solidaire.urls already serves them
    urlpatterns.append(
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    )
