"""What staff publish: a generated network report (suppressed version only) shown to everyone on
the public observatoire. The report itself is a `GeneratedDocument` of the shared machinery."""

from __future__ import annotations

from django.db import models

from solidaire.core.db import TimeStampedModel, actor_field
from solidaire.core.documents.models import GeneratedDocument


class ReportPublication(TimeStampedModel):
    document = models.OneToOneField(
        GeneratedDocument, on_delete=models.CASCADE, related_name="+", verbose_name="rapport"
    )
    title = models.CharField("titre", max_length=200)
    published_by = actor_field("publié par")

    class Meta:
        verbose_name = "rapport publié"
        verbose_name_plural = "rapports publiés"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title
