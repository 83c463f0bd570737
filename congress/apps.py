from django.apps import AppConfig


class CongressConfig(AppConfig):
    name = "congress"
    verbose_name = "Congrès des Solidarités"

    def ready(self) -> None:
        from solidaire.core.worklist import register_provider

        from .proposals import documents  # noqa: F401  (registers the cahier renderer)
        from .proposals.worklist import pending_proposals
        from .staff import documents as staff_documents  # noqa: F401  (registers the badges renderer)

        register_provider("congress.proposals", pending_proposals)
