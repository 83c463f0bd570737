"""The directory app: its configuration connects the cache's signals and registers its tasks."""

from django.apps import AppConfig


class AssociationsConfig(AppConfig):
    name = "associations"
    verbose_name = "Annuaire"

    def ready(self) -> None:
        from solidaire.core.pages.actions import register_page_action
        from solidaire.core.worklist import register_provider

        from .council import tasks as council_tasks  # noqa: F401  (the beat's daily purge)
        from .council.pages import COUNCIL_PAGE, JOIN_ACTION
        from .council.selectors import council_requests_pending
        from .directory import tasks  # noqa: F401  (Celery's autodiscovery only looks at associations.tasks)
        from .directory.worklist import directory_pending_work
        from .practices import documents  # noqa: F401  (registers the booklet renderer)
        from .practices.selectors import practice_changes_pending
        from .reports.selectors import card_reports_pending
        from .search.signals import connect_signals as connect_search_signals
        from .structures.cache import connect_signals

        connect_signals()
        connect_search_signals()
        register_provider("associations.card_reports", card_reports_pending)
        register_provider("associations.council_requests", council_requests_pending)
        register_page_action(COUNCIL_PAGE, JOIN_ACTION)
        register_provider("associations.practice_changes", practice_changes_pending)
        register_provider("associations.directory", directory_pending_work)
