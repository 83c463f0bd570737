from django.apps import AppConfig


class CongressConfig(AppConfig):
    name = "congress"
    verbose_name = "Congrès des Solidarités"

    def ready(self) -> None:
        from solidaire.core.worklist import register_provider

        # Celery autodiscovers `<app>.tasks` only: the feature task modules that the beat
        # schedule names must be imported here, or the worker drops them as unregistered.
        from .privacy import tasks as privacy_tasks  # noqa: F401
        from .proposals import documents  # noqa: F401  (registers the cahier renderer)
        from .proposals.worklist import pending_proposals
        from .registrations import tasks as registration_tasks  # noqa: F401
        from .staff import documents as staff_documents  # noqa: F401  (registers the badges renderer)

        register_provider("congress.proposals", pending_proposals, covers=["congress.Proposal.submitted"])
