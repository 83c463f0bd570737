from django.apps import AppConfig


class CharterConfig(AppConfig):
    name = "charter"
    verbose_name = "Charte"

    def ready(self) -> None:
        from . import documents, signals  # noqa: F401  (registers the renderers, connects the receivers)
