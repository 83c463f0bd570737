"""The charter app: its features register their documents, work lists and receivers on start-up."""

from django.apps import AppConfig

from solidaire.core.runtime.hooks import load_feature_hooks


class CharterConfig(AppConfig):
    name = "charter"
    verbose_name = "Charte"

    def ready(self) -> None:
        load_feature_hooks(self)
