"""Reads for the portal's own pages."""

from __future__ import annotations

from django.core.cache import cache

from .models import FOOTER_CACHE_KEY, InfoPage


def footer_pages() -> list[dict]:
    """Footer links, cached: they are on every page and change a few times a year."""
    pages = cache.get(FOOTER_CACHE_KEY)
    if pages is None:
        pages = [
            {"title": p.title, "url": p.get_absolute_url()}
            for p in InfoPage.objects.filter(in_footer=True).only("slug", "title")
        ]
        cache.set(FOOTER_CACHE_KEY, pages, 300)
    return pages


def info_page_get(*, slug: str) -> InfoPage:
    return InfoPage.objects.get(slug=slug)
