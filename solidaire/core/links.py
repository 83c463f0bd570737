"""Absolute links for e-mails, built from the Site record (kept on SITE_DOMAIN at each migrate;
`make run` sets it to the host and port it serves)."""

from __future__ import annotations

from django.contrib.sites.models import Site

LOCAL_HOSTS = ("127.", "localhost", "[::1]")


def absolute_url(path: str) -> str:
    """`/charte/moderation/` → `https://lemans-solidaire.fr/charte/moderation/` (http on a local host)."""
    if path.startswith(("http://", "https://")):
        return path
    domain = Site.objects.get_current().domain
    scheme = "http" if domain.startswith(LOCAL_HOSTS) else "https"
    return f"{scheme}://{domain}{path}"
