"""Absolute links and the site's name for e-mails, built from the Site record (kept on
SITE_DOMAIN and PORTAL_NAME at each migrate; `make run` sets it to the host and port it serves).

Every e-mail the portal sends (its own through `email_send`, allauth's through the account
adapter) is rendered with `site_context()`, and every link in it goes through `absolute_url` or
`{% lien_absolu %}`: a bare path (« /evenements/… ») is useless in a mail client."""

from __future__ import annotations

from django.conf import settings
from django.contrib.sites.models import Site

LOCAL_HOSTS = ("127.", "localhost", "[::1]")


def site_root() -> str:
    """`https://lemans-solidaire.fr` (http on a local host), no trailing slash."""
    domain = Site.objects.get_current().domain
    scheme = "http" if domain.startswith(LOCAL_HOSTS) else "https"
    return f"{scheme}://{domain}"


def absolute_url(path: str) -> str:
    """`/charte/moderation/` → `https://lemans-solidaire.fr/charte/moderation/` (http on a local host)."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{site_root()}{path}"


def site_context() -> dict:
    """What every e-mail template may name: the portal's name (never empty: the Site's name, or
    PORTAL_NAME when a Site was left unnamed), its address, and the Site itself for allauth's
    templates (`current_site.name`, `current_site.domain`)."""
    site = Site.objects.get_current()
    if not site.name:
        # allauth's templates read `current_site.name`: an unnamed Site would write « Bonjour, c'est  ! ».
        site.name = settings.PORTAL_NAME
    return {
        "PORTAL_NAME": site.name,
        "site_name": site.name,
        "site_url": site_root() + "/",
        "current_site": site,
    }
