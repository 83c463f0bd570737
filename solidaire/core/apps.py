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


class CoreConfig(AppConfig):
    name = "solidaire.core"
    label = "core"
    verbose_name = "Portail"

    def ready(self) -> None:
        post_migrate.connect(_sync_site, sender=self, dispatch_uid="core_sync_site")
        # Handlers that queue work after commit (services only send signals).
        from .documents import handlers as document_handlers  # noqa: F401
        from .email import handlers as email_handlers  # noqa: F401
