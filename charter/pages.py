"""What the charter adds to the directory's pages: the « Signataire de la charte » mark of each
structure (imported by `load_feature_hooks`; the directory never imports the charter)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef

from associations.structures.selectors import register_association_mark

from .models import Signature, SignatureStatus


def _is_signatory() -> Exists:
    return Exists(Signature.objects.filter(association=OuterRef("pk"), status=SignatureStatus.SIGNED))


register_association_mark("is_signatory", _is_signatory)
