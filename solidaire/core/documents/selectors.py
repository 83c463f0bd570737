"""Reads of the documents machinery."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse

from solidaire.core.text.french import format_datetime

from .models import DocumentStatus, GeneratedDocument
from .registry import get_renderer


def documents_of_kind(*, kinds: list[str]) -> QuerySet[GeneratedDocument]:
    """The documents produced for some kinds, newest request first, with who asked."""
    return GeneratedDocument.objects.filter(kind__in=kinds).select_related("requested_by")


def document_of_kind(*, pk: int, kinds: list[str]) -> GeneratedDocument | None:
    """The document `pk` when it is of one of these kinds, else None."""
    return GeneratedDocument.objects.filter(pk=pk, kind__in=kinds).first()


def document_get(*, pk: int) -> GeneratedDocument:
    """The document `pk`; raises GeneratedDocument.DoesNotExist."""
    return GeneratedDocument.objects.get(pk=pk)


def document_statuses(documents: list[GeneratedDocument]) -> list[dict]:
    """`document_status` of many documents, their labels read once per kind (bounded queries)."""
    labels: dict[int, str] = {}
    by_kind: dict[str, list[GeneratedDocument]] = {}
    for document in documents:
        by_kind.setdefault(document.kind, []).append(document)
    for kind, group in by_kind.items():
        described = get_renderer(kind).describe_all([d.params for d in group])
        labels.update({d.pk: label for d, label in zip(group, described, strict=True)})
    return [document_status(d, label=labels[d.pk]) for d in documents]


def document_status(document: GeneratedDocument, *, label: str | None = None) -> dict:
    """What the status fragment and its JSON poll show."""
    return {
        "id": document.pk,
        "kind": document.kind,
        "label": label if label is not None else get_renderer(document.kind).describe(document.params),
        "status": document.status,
        "status_label": document.get_status_display(),
        "progress": document.progress,
        "step": document.step,
        "error": document.error if document.status == DocumentStatus.FAILED else "",
        "finished": document.is_finished,
        "has_file": document.has_file,
        "up_to_date": document.is_up_to_date,
        "produced_at": document.produced_at.isoformat() if document.produced_at else "",
        "produced_label": f"produit le {format_datetime(document.produced_at)}"
        if document.produced_at
        else "",
        "download_url": reverse("core:document_file", args=[document.pk]) if document.has_file else "",
        "status_url": reverse("core:document_status_json", args=[document.pk]),
    }
