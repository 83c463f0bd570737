from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "solidaire.core"
    label = "core"
    verbose_name = "Portail"
