from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "history"
    label = "history"
    verbose_name = "Historique des modifications"
