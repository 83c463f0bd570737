"""The ground floor: its receivers (Site record, replaced files) connect on start-up."""

from django.apps import AppConfig

from .runtime.hooks import load_feature_hooks


class CoreConfig(AppConfig):
    name = "solidaire.core"
    label = "core"
    verbose_name = "Portail"

    def ready(self) -> None:
        load_feature_hooks(self)
