"""The ground floor's receivers: the Site record and replaced files (imported by `load_feature_hooks`)."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.contrib.sites.models import Site
from django.db.models.signals import post_delete, post_init, post_migrate, post_save, pre_save

from .security.storage import replaced_file_receivers


def _sync_site(**kwargs) -> None:
    """E-mails build absolute links from the Site record: keep it on the configured domain."""
    Site.objects.update_or_create(
        pk=settings.SITE_ID,
        defaults={
            "domain": settings.SITE_DOMAIN,
            "name": settings.PORTAL_NAME,
        },
    )


def _connect_file_cleanup() -> None:
    """Files replaced or deleted leave the storage (settings.FILES_DELETED_WHEN_REPLACED names
    the fields as "app_label.Model.field", so the ground floor imports no app)."""
    by_model: dict[str, list[str]] = {}
    for path in getattr(settings, "FILES_DELETED_WHEN_REPLACED", []):
        model_label, field = path.rsplit(".", 1)
        by_model.setdefault(model_label, []).append(field)
    for model_label, fields in by_model.items():
        model = apps.get_model(model_label)
        signals = (post_init, pre_save, post_save, post_delete)
        uid = f"delete_replaced_files:{model_label}"
        for signal, function in zip(signals, replaced_file_receivers(fields), strict=True):
            signal.connect(function, sender=model, weak=False, dispatch_uid=uid)


post_migrate.connect(_sync_site, sender=apps.get_app_config("core"), dispatch_uid="core_sync_site")
_connect_file_cleanup()
