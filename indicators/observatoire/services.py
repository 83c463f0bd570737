"""Writes of the observatoire: publishing a network report on the public page."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from solidaire.core.documents.models import GeneratedDocument
from solidaire.core.documents.registry import get_renderer

from . import documents, permissions
from .models import ReportPublication


@transaction.atomic
def report_publish(*, document: GeneratedDocument, user) -> ReportPublication:
    """Show a produced annual report (protected version) on the public observatoire. Staff only;
    an internal version is refused."""
    permissions.check_can_publish(user, document.params)
    if document.kind != documents.ANNUAL:
        raise ValidationError("Seul le rapport annuel du réseau se publie.")
    if not document.has_file:
        raise ValidationError("Ce rapport n'a pas encore de fichier : attendez la fin de sa production.")
    publication, _ = ReportPublication.objects.get_or_create(
        document=document,
        defaults={"title": get_renderer(document.kind).describe(document.params), "published_by": user},
    )
    publication.full_clean()
    publication.save()
    return publication
