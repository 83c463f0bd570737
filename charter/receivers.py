"""Keep the signatories PDF in step with the directory: a signatory renamed, moved to another
quartier or kind changes the printed list; and keep the directory's cached cards (which show
the charter badge) in step with the signatures. Imported by `load_feature_hooks`."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from associations.structures.cache import bump_directory_version
from associations.structures.signals import association_card_changed
from solidaire.core.documents.services import document_invalidate

from . import documents
from .models import Signature, SignatureStatus

PRINTED_FIELDS = frozenset({"name", "kind", "quartier"})

# A card shows whether its structure signed: a signature saved or deleted moves the directory on.
post_save.connect(bump_directory_version, sender=Signature, dispatch_uid="directory-cache-save-Signature")
post_delete.connect(bump_directory_version, sender=Signature, dispatch_uid="directory-cache-delete-Signature")


@receiver(association_card_changed, dispatch_uid="charter_signatories_follow_card")
def refresh_signatories_pdf(sender, association, changed: frozenset[str], **kwargs) -> None:
    """The directory's service says which fields changed: no query unless a printed one did."""
    if PRINTED_FIELDS.isdisjoint(changed):
        return
    if Signature.objects.filter(association=association, status=SignatureStatus.SIGNED).exists():
        document_invalidate(kind=documents.SIGNATORIES)
