"""Django's admin autodiscovery imports `indicators.admin`: this face imports each feature's admin,
which registers its models."""

from .catalogue import admin as catalogue_admin  # noqa: F401
from .observatoire import admin as observatoire_admin  # noqa: F401
from .reminders import admin as reminders_admin  # noqa: F401
from .sheets import admin as sheets_admin  # noqa: F401
from .territories import admin as territories_admin  # noqa: F401
