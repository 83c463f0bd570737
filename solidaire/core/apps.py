from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_site(**kwargs) -> None:
    """E-mails build absolute links from the Site record: keep it on the configured domain."""
    from django.conf import settings
    from django.contrib.sites.models import Site

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
    from django.apps import apps
    from django.conf import settings

    from .security.storage import delete_replaced_files

    by_model: dict[str, list[str]] = {}
    for path in getattr(settings, "FILES_DELETED_WHEN_REPLACED", []):
        model_label, field = path.rsplit(".", 1)
        by_model.setdefault(model_label, []).append(field)
    for model_label, fields in by_model.items():
        delete_replaced_files(apps.get_model(model_label), fields)


class CoreConfig(AppConfig):
    name = "solidaire.core"
    label = "core"
    verbose_name = "Portail"

    def ready(self) -> None:
        post_migrate.connect(_sync_site, sender=self, dispatch_uid="core_sync_site")
        _connect_file_cleanup()
        # Handlers that queue work after commit (services only send signals).
        from .documents import handlers as document_handlers  # noqa: F401
        from .email import handlers as email_handlers  # noqa: F401
