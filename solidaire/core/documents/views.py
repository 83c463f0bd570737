"""The status page, its JSON poll and the download of generated documents. Each checks the
kind's own permission; features serve their documents through `document_response`."""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import ObjectDoesNotExist
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from solidaire.accounts.permissions import Loader, permission_required, refusal

from . import services
from .models import DocumentStatus, GeneratedDocument
from .registry import Renderer, UnknownDocumentKind, get_renderer
from .selectors import document_get, document_status

RETRY_AFTER_SECONDS = 10


NOT_YOURS = "Vous n'avez pas accès à ce document."


def _document(pk: int) -> tuple[GeneratedDocument, Renderer]:
    try:
        document = document_get(pk=pk)
        return document, get_renderer(document.kind)
    except (GeneratedDocument.DoesNotExist, UnknownDocumentKind):
        raise Http404("Document introuvable.") from None


def can_view_document(user, found: tuple[GeneratedDocument, Renderer]) -> bool:
    """Each kind's own rule (public documents included, hence `anonymous=True` below)."""
    document, renderer = found
    return renderer.can_view(user, document.params)


# The document of the URL's `pk` with its renderer, handed to the view as `found`.
DOCUMENT = Loader("found", _document)
document_gate = permission_required(can_view_document, load=DOCUMENT, anonymous=True, message=NOT_YOURS)


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


@_gone_is_404
def document_response(request: HttpRequest, *, kind: str, params: dict | None = None) -> HttpResponse:
    """Serve a document at its own URL (e.g. /charte/charte.pdf): the stored file at once when
    it is current; else queue its rendering (a file whose data changed is produced again) and
    serve it as soon as it exists — at once when tasks run in-process, else through a page that
    follows its progress and then opens the file. Never renders inside the request."""
    renderer = get_renderer(kind)
    if not renderer.can_view(request.user, params or {}):
        return refusal(request, NOT_YOURS)
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
@_gone_is_404
@document_gate
def status_page(request: HttpRequest, found: tuple[GeneratedDocument, Renderer]) -> HttpResponse:
    document, renderer = found
    if document.has_file:  # a file drawn from data that changed since is produced again
        document = _refreshed(document, renderer)
    return render(
        request, "core/documents/status.html", {"document": document, "status": document_status(document)}
    )


@never_cache
@require_safe
@_gone_is_404
@document_gate
def status_json(request: HttpRequest, found: tuple[GeneratedDocument, Renderer]) -> JsonResponse:
    document, _ = found
    return JsonResponse(document_status(document))


@require_safe
@_gone_is_404
@document_gate
def download(request: HttpRequest, found: tuple[GeneratedDocument, Renderer]) -> HttpResponse:
    document, renderer = found
    if not document.has_file:
        return _pending_response(request, document)
    document = _refreshed(document, renderer)
    if not (document.is_up_to_date or renderer.serve_while_stale):
        return _pending_response(request, document)
    response = _file_response(document, renderer)
    if response is None:
        raise Http404("Le fichier de ce document est introuvable ; demandez-en une nouvelle production.")
    return response
