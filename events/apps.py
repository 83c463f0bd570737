"""The events app: its features register their documents, work lists and receivers on start-up."""

from django.apps import AppConfig

from solidaire.core.runtime.hooks import load_feature_hooks


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Événements"

    def ready(self) -> None:
        load_feature_hooks(self)
