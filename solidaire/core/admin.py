"""The core app's admin pages, one module per concern."""

from .documents import admin as documents_admin  # noqa: F401
from .pages import admin as pages_admin  # noqa: F401
