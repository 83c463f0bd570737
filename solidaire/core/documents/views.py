"""The status page, its JSON poll and the download of generated documents. Each checks the
kind's own permission; features serve their documents through `document_response`."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import services
from .models import DocumentStatus, GeneratedDocument
from .registry import Renderer, UnknownDocumentKind, get_renderer
from .selectors import document_status

RETRY_AFTER_SECONDS = 10


class _LoginRequired(Exception):
    pass


def _check_view(request: HttpRequest, renderer: Renderer, params: dict) -> None:
    if not renderer.can_view(request.user, params):
        if not request.user.is_authenticated:
            raise _LoginRequired
        raise PermissionDenied("Vous n'avez pas accès à ce document.")


def _visible_document(request: HttpRequest, pk: int) -> tuple[GeneratedDocument, Renderer]:
    try:
        document = GeneratedDocument.objects.get(pk=pk)
        renderer = get_renderer(document.kind)
    except (GeneratedDocument.DoesNotExist, UnknownDocumentKind):
        raise Http404("Document introuvable.") from None
    _check_view(request, renderer, document.params)
    return document, renderer


def _gone_is_404(view):
    """What a document's parameters name may have been deleted since (a structure, an
    edition): the permission check and the renderer then find nothing, and the document is
    gone for everyone — a 404, not a 500."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except ObjectDoesNotExist:
            raise Http404("Ce document n'existe plus : ce dont il était tiré a été supprimé.") from None

    return wrapped


def _login_first(view):
    """Anonymous visitors asking for a document they may not see are sent to log in."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except _LoginRequired:
            return redirect_to_login(request.get_full_path())

    return wrapped


def _file_response(document: GeneratedDocument, renderer: Renderer) -> HttpResponse | None:
    try:
        handle = document.storage.open(document.file_name, "rb")
    except FileNotFoundError:
        return None
    return FileResponse(handle, content_type=renderer.content_type, filename=document.download_name)


def _pending_response(request: HttpRequest, document: GeneratedDocument) -> HttpResponse:
    """While the file is being produced: a page that follows its progress and shows the file
    as soon as it is ready (202 Accepted: the request is taken in hand). A failed rendering with
    nothing to serve is a French 503."""
    failed = document.status == DocumentStatus.FAILED
    response = render(
        request,
        "core/documents/pending.html",
        {"document": document, "status": document_status(document), "failed": failed},
        status=503 if failed else 202,
    )
    if not failed:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@_login_first
@_gone_is_404
def document_response(request: HttpRequest, *, kind: str, params: dict | None = None) -> HttpResponse:
    """Serve a document at its own URL (e.g. /charte/charte.pdf): the stored file at once when
    it is current; else queue its rendering (a file whose data changed is produced again) and
    serve it as soon as it exists — at once when tasks run in-process, else through a page that
    follows its progress and then opens the file. Never renders inside the request."""
    renderer = get_renderer(kind)
    _check_view(request, renderer, params or {})
    return _serve(request, services.document_get(kind=kind, params=params), renderer)


def _refreshed(document: GeneratedDocument, renderer: Renderer) -> GeneratedDocument:
    """The document, queued again when it is missing or its data changed since its file."""
    if services.document_is_current(document, renderer):
        return document
    document = services.document_request(kind=document.kind, params=document.params)
    # Tasks that run in-process (the embedded default) have finished by now.
    document.refresh_from_db()
    return document


def _serve(request: HttpRequest, document: GeneratedDocument, renderer: Renderer) -> HttpResponse:
    document = _refreshed(document, renderer)
    servable = document.is_up_to_date or (renderer.serve_while_stale and document.has_file)
    if servable:
        response = _file_response(document, renderer)
        if response is not None:
            return response
        document = services.document_invalidate(
            kind=document.kind, params=document.params, reason="Fichier manquant, nouvelle production"
        )
    return _pending_response(request, document)


@never_cache
@require_safe
@_login_first
@_gone_is_404
def status_page(request: HttpRequest, pk: int) -> HttpResponse:
    document, renderer = _visible_document(request, pk)
    if document.has_file:  # a file drawn from data that changed since is produced again
        document = _refreshed(document, renderer)
    return render(
        request, "core/documents/status.html", {"document": document, "status": document_status(document)}
    )


@never_cache
@require_safe
@_login_first
@_gone_is_404
def status_json(request: HttpRequest, pk: int) -> JsonResponse:
    document, _ = _visible_document(request, pk)
    return JsonResponse(document_status(document))


@require_safe
@_login_first
@_gone_is_404
def download(request: HttpRequest, pk: int) -> HttpResponse:
    document, renderer = _visible_document(request, pk)
    if not document.has_file:
        return _pending_response(request, document)
    document = _refreshed(document, renderer)
    if not (document.is_up_to_date or renderer.serve_while_stale):
        return _pending_response(request, document)
    response = _file_response(document, renderer)
    if response is None:
        raise Http404("Le fichier de ce document est introuvable ; demandez-en une nouvelle production.")
    return response
