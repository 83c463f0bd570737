from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "solidaire.accounts"
    label = "accounts"
    verbose_name = "Comptes"

    def ready(self) -> None:
        from .roles import sync_ccas_group

        # Keeps the CCAS group's permissions in step with the models after every migrate.
        post_migrate.connect(lambda **kwargs: sync_ccas_group(), dispatch_uid="sync_ccas_group", weak=False)
