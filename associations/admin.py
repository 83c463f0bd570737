"""Registers each feature's admin (Django's autodiscovery only imports this module)."""

from .actions import admin as actions_admin  # noqa: F401
from .council import admin as council_admin  # noqa: F401
from .practices import admin as practices_admin  # noqa: F401
from .reports import admin as reports_admin  # noqa: F401
from .search import admin as search_admin  # noqa: F401
from .structures import admin as structures_admin  # noqa: F401
from .volunteering import admin as volunteering_admin  # noqa: F401
