"""Render a Django template to PDF bytes with WeasyPrint, offline.

Stylesheets and images are read from the static files on disk (the finders, then STATIC_ROOT)
or from MEDIA_ROOT; any other URL is refused, so rendering never touches the network.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string

# WeasyPrint reports each layout step at INFO: noise in the worker's log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


class PdfResourceRefused(ValueError):
    """A template asked for a resource outside the static and media files."""


def _static_base_url() -> str:
    return Path(settings.STATIC_ROOT).resolve().as_uri() + "/"


def _inside(path: Path, roots: list[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)


def _resolve_local(url: str) -> Path:
    """Map a URL (absolute `/static/…`, `file://…` or any host) to a file of the project."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    static_url = urlsplit(settings.STATIC_URL).path
    media_url = urlsplit(settings.MEDIA_URL).path
    static_root = Path(settings.STATIC_ROOT).resolve()
    # `/static/css/pdf.css` resolved against the base URL gives `file:///static/css/pdf.css`
    # or `file://<STATIC_ROOT>/css/pdf.css`: both mean the static file `css/pdf.css`.
    relative = None
    if path.startswith(static_url):
        relative = path[len(static_url) :]
    elif parts.scheme == "file" and _inside(Path(path), [static_root]):
        relative = str(Path(path).relative_to(static_root))
    if relative is not None:
        try:
            found = finders.find(relative)
        except SuspiciousFileOperation:
            found = None
        candidate = Path(found) if found else (static_root / relative).resolve()
        if (found or _inside(candidate, [static_root])) and candidate.is_file():
            return candidate
        raise PdfResourceRefused(f"Fichier statique introuvable : {relative}")
    if path.startswith(media_url):
        candidate = (Path(settings.MEDIA_ROOT) / path[len(media_url) :]).resolve()
        if _inside(candidate, [Path(settings.MEDIA_ROOT).resolve()]) and candidate.is_file():
            return candidate
    raise PdfResourceRefused(f"Ressource refusée (pas d'accès réseau) : {url}")


def _read(url: str) -> tuple[bytes, str]:
    path = _resolve_local(url)
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return path.read_bytes(), mime


def _url_fetcher():
    """A fetcher for the installed WeasyPrint: a URLFetcher subclass (v66+) or a function."""
    from weasyprint import urls

    if hasattr(urls, "URLFetcher"):

        class LocalFetcher(urls.URLFetcher):
            def fetch(self, url, headers=None):
                if url.startswith("data:"):
                    return super().fetch(url, headers)
                data, mime = _read(url)
                return urls.URLFetcherResponse(url, data, {"Content-Type": mime})

        return LocalFetcher()

    def fetch(url):  # pragma: no cover - older WeasyPrint
        if url.startswith("data:"):
            return urls.default_url_fetcher(url)
        data, mime = _read(url)
        return {"string": data, "mime_type": mime, "redirected_url": url}

    return fetch


def render_pdf(template_name: str, context: dict, *, base_url: str | None = None) -> bytes:
    """Render `template_name` with `context` to PDF bytes (A4 and page furniture come from the
    template's print CSS). WeasyPrint is imported here: importing it loads Pango, which the
    web pages do not need."""
    import weasyprint

    html = render_to_string(template_name, {"PORTAL_NAME": settings.PORTAL_NAME, **context})
    document = weasyprint.HTML(
        string=html, base_url=base_url or _static_base_url(), url_fetcher=_url_fetcher()
    )
    return document.write_pdf(pdf_variant="pdf/ua-1")
