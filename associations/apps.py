"""The directory app: its configuration connects the cache's signals and registers its tasks."""

from django.apps import AppConfig


class AssociationsConfig(AppConfig):
    name = "associations"
    verbose_name = "Annuaire"

    def ready(self) -> None:
        from .directory import tasks  # noqa: F401  (Celery's autodiscovery only looks at associations.tasks)
        from .structures.cache import connect_signals

        connect_signals()
