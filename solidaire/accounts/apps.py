from django.apps import AppConfig

from solidaire.core.runtime.hooks import load_feature_hooks


class AccountsConfig(AppConfig):
    name = "solidaire.accounts"
    label = "accounts"
    verbose_name = "Comptes"

    def ready(self) -> None:
        load_feature_hooks(self)
