"""Keep the signatories PDF in step with the directory: a signatory renamed, moved to another
quartier or kind changes the printed list; and keep the directory's cached cards (which show
the charter badge) in step with the signatures. Imported by `load_feature_hooks`."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from associations.structures.cache import bump_directory_version
from associations.structures.models import Association
from solidaire.core.documents.services import document_invalidate

from . import documents
from .models import Signature, SignatureStatus

PRINTED_FIELDS = ("name", "kind", "quartier")

# A card shows whether its structure signed: a signature saved or deleted moves the directory on.
post_save.connect(bump_directory_version, sender=Signature, dispatch_uid="directory-cache-save-Signature")
post_delete.connect(bump_directory_version, sender=Signature, dispatch_uid="directory-cache-delete-Signature")


@receiver(pre_save, sender=Association, dispatch_uid="charter_association_pre_save")
def remember_printed_fields(sender, instance: Association, raw=False, **kwargs) -> None:
    if raw or instance.pk is None:
        return
    before = Association.objects.filter(pk=instance.pk).values(*PRINTED_FIELDS).first()
    instance._charter_printed_changed = before is not None and any(
        before[name] != getattr(instance, name) for name in PRINTED_FIELDS
    )


@receiver(post_save, sender=Association, dispatch_uid="charter_association_post_save")
def refresh_signatories_pdf(sender, instance: Association, raw=False, **kwargs) -> None:
    if raw or not getattr(instance, "_charter_printed_changed", False):
        return
    instance._charter_printed_changed = False
    if Signature.objects.filter(association=instance, status=SignatureStatus.SIGNED).exists():
        document_invalidate(kind=documents.SIGNATORIES)
