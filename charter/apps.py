from django.apps import AppConfig


class CharterConfig(AppConfig):
    name = "charter"
    verbose_name = "Charte"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the receivers)
