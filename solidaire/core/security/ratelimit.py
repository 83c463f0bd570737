"""Limits on the portal's own forms (allauth limits its own: login, signup, password reset).

The client address is read the way allauth reads it (ALLAUTH_TRUSTED_PROXY_COUNT, set from
TRUSTED_PROXY_COUNT): behind the production proxy REMOTE_ADDR is the proxy's address, and a
limit keyed on it would make every visitor share one quota.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

LIMITED = (
    "Trop de demandes envoyées en peu de temps. Merci de réessayer dans une heure ou de contacter le CCAS."
)


def client_ip(request: HttpRequest) -> str:
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:  # no usable address: all such requests share one bucket
        return "unknown"


def attempt_allowed(*, scope: str, key: str, limit: int, window: int) -> bool:
    """Count one attempt of `key` (a user id, an address) for `scope`; False once over `limit`
    within `window` seconds (a fixed window starting at the first attempt)."""
    cache_key = f"ratelimit:{scope}:{key}"
    cache.add(cache_key, 0, window)
    try:
        attempts = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, window)
        attempts = 1
    return attempts <= limit


def request_allowed(request: HttpRequest, *, scope: str) -> bool:
    """One attempt for the client address and, when signed in, for the account (so neither
    changing address nor sharing one lets a single person go past the limit). The limits per
    scope are in settings.RATE_LIMITS."""
    limit, window = settings.RATE_LIMITS[scope]
    allowed = attempt_allowed(scope=scope, key=f"ip:{client_ip(request)}", limit=limit, window=window)
    if request.user.is_authenticated:
        by_user = attempt_allowed(scope=scope, key=f"user:{request.user.pk}", limit=limit, window=window)
        allowed = allowed and by_user
    return allowed


def _keys(request: HttpRequest) -> list[str]:
    keys = [f"ip:{client_ip(request)}"]
    if request.user.is_authenticated:
        keys.append(f"user:{request.user.pk}")
    return keys


def limit_reached(request: HttpRequest, *, scope: str, key: str | None = None) -> bool:
    """Has the client address (or the account, when signed in; or `key`, e.g. an e-mail
    address) used up its allowance for `scope`? Counts nothing: pair it with `count_accepted`,
    so that only what was accepted uses the allowance — a form refused for a typo does not,
    and a person fixing it is never told to come back in an hour."""
    limit, _ = settings.RATE_LIMITS[scope]
    keys = [key] if key is not None else _keys(request)
    found = cache.get_many([f"ratelimit:{scope}:{k}" for k in keys])
    return any(count >= limit for count in found.values())


def count_accepted(request: HttpRequest, *, scope: str, key: str | None = None) -> None:
    """Count one accepted submission (or a honeypot hit: a bot is not told it failed) for
    `scope`, against the client address and the account (or `key`)."""
    limit, window = settings.RATE_LIMITS[scope]
    for k in [key] if key is not None else _keys(request):
        attempt_allowed(scope=scope, key=k, limit=limit, window=window)
