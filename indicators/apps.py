"""The indicators app: its features register their documents, work lists and receivers on start-up."""

from django.apps import AppConfig

from solidaire.core.runtime.hooks import load_feature_hooks


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = "Indicateurs partagés"

    def ready(self) -> None:
        load_feature_hooks(self)
