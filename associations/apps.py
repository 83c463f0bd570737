from django.apps import AppConfig


class AssociationsConfig(AppConfig):
    name = "associations"
    verbose_name = "Annuaire"

    def ready(self) -> None:
        from .cache import connect_signals

        connect_signals()
