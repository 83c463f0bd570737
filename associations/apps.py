"""The directory app: its configuration connects the cache's signals and registers its tasks."""

from django.apps import AppConfig


class AssociationsConfig(AppConfig):
    name = "associations"
    verbose_name = "Annuaire"

    def ready(self) -> None:
        from solidaire.core.worklist import register_provider

        from .directory import tasks  # noqa: F401  (Celery's autodiscovery only looks at associations.tasks)
        from .directory.worklist import directory_pending_work
        from .structures.cache import connect_signals

        connect_signals()
        register_provider("associations.directory", directory_pending_work)
