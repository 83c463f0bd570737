from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The layer above the apps: pages and commands that gather every app (home, « mon espace »,
    demo loading). No app imports it."""

    name = "portal"
    label = "portal"
    verbose_name = "Portail (pages d'ensemble)"
