from django.apps import AppConfig


class CongressConfig(AppConfig):
    name = "congress"
    verbose_name = "Congrès des Solidarités"

    def ready(self) -> None:
        from .proposals import documents  # noqa: F401  (registers the cahier renderer)
        from .staff import documents as staff_documents  # noqa: F401  (registers the badges renderer)
