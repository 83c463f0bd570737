"""Pages of the ground floor: health check and error pages."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from solidaire.accounts.permissions import public

logger = logging.getLogger(__name__)
_broker_client = None


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        logger.exception("Health check: the database does not answer")
        return "error"
    return "ok"


def _check_broker() -> str:
    """PING the Celery broker (Redis); "eager" when tasks run in-process (dev, tests)."""
    global _broker_client
    if settings.CELERY_TASK_ALWAYS_EAGER or not settings.CELERY_BROKER_URL.startswith("redis"):
        return "eager"
    try:
        if _broker_client is None:
            import redis

            _broker_client = redis.Redis.from_url(
                settings.CELERY_BROKER_URL, socket_connect_timeout=1, socket_timeout=1
            )
        _broker_client.ping()
    except Exception:
        logger.exception("Health check: the broker does not answer")
        return "error"
    return "ok"


@never_cache
@require_safe
@public
def healthz(request: HttpRequest) -> JsonResponse:
    """Readiness for the container healthcheck, the proxy and monitoring: the database and the
    broker answer (503 and which one failed otherwise). The cache is not checked: the portal
    works without it (it fails open)."""
    checks = {"database": _check_database(), "broker": _check_broker()}
    healthy = all(value in {"ok", "eager"} for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


def error_404(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_403(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_500(request: HttpRequest) -> HttpResponse:
    # No context processors that might fail again: a static page.
    return HttpResponse(loader.get_template("500.html").render(), status=500)
