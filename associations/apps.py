"""The directory app: its configuration connects the cache's signals and registers its tasks."""

from django.apps import AppConfig


class AssociationsConfig(AppConfig):
    name = "associations"
    verbose_name = "Annuaire"

    def ready(self) -> None:
        from solidaire.core.worklist import register_provider

        from .council import tasks as council_tasks  # noqa: F401  (the beat's daily purge)
        from .council.selectors import council_requests_pending
        from .directory import tasks  # noqa: F401  (Celery's autodiscovery only looks at associations.tasks)
        from .directory.worklist import directory_pending_work
        from .practices import documents  # noqa: F401  (registers the booklet renderer)
        from .practices.worklist import practices_pending_work
        from .reports.selectors import card_reports_pending
        from .search.signals import connect_signals as connect_search_signals
        from .structures.cache import connect_signals

        connect_signals()
        connect_search_signals()
        register_provider(
            "associations.card_reports", card_reports_pending, covers=["associations.CardReport.open"]
        )
        register_provider(
            "associations.council_requests",
            council_requests_pending,
            covers=["associations.CouncilRequest.new"],
        )
        register_provider(
            "associations.directory",
            directory_pending_work,
            covers=["associations.Membership.requested", "associations.ChangeProposal.pending"],
        )
        register_provider(
            "associations.practices", practices_pending_work, covers=["associations.Practice.submitted"]
        )
