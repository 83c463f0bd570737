"""The indicators app: its label stays `indicators`; its features live in sub-packages."""

from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = "Indicateurs partagés"

    def ready(self):
        # Celery autodiscovers `<app>.tasks` only; the feature task modules register here.
        from solidaire.core.worklist import register_provider

        from .followup.worklist import indicators_pending_work

        # The observatoire's reports register with the generated-documents machinery.
        from .observatoire import documents  # noqa: F401
        from .reminders import tasks  # noqa: F401

        register_provider("indicators.sheets", indicators_pending_work, covers=["indicators.Sheet.submitted"])
