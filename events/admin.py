"""The app's admin, gathered from its features."""

from .calendar import admin as calendar_admin  # noqa: F401
from .changes import admin as changes_admin  # noqa: F401
from .participation import admin as participation_admin  # noqa: F401
from .proposals import admin as proposals_admin  # noqa: F401
