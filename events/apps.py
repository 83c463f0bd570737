from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Événements"

    def ready(self) -> None:
        from .public.cache import connect_signals
        from .worklist import register

        connect_signals()
        register()
