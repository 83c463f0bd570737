from django.apps import AppConfig


class CharterConfig(AppConfig):
    name = "charter"
    verbose_name = "Charte"

    def ready(self) -> None:
        from solidaire.core.worklist import register_provider

        from . import documents, signals  # noqa: F401  (registers the renderers, connects the receivers)
        from .selectors import charter_pending_work

        register_provider("charter.signatures", charter_pending_work, covers=["charter.Signature.requested"])
