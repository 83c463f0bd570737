"""The congress in the admin, gathered from its features."""

from .editions import admin as editions_admin  # noqa: F401
from .proposals import admin as proposals_admin  # noqa: F401
from .registrations import admin as registrations_admin  # noqa: F401
