"""Registers each feature's admin (Django's autodiscovery only imports this module)."""

from .actions import admin as actions_admin  # noqa: F401
from .structures import admin as structures_admin  # noqa: F401
from .volunteering import admin as volunteering_admin  # noqa: F401
