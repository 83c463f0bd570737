"""The core app's admin pages, one module per concern."""

from django.contrib import admin

from . import admin_actions
from .documents import admin as documents_admin  # noqa: F401
from .email import admin as email_admin  # noqa: F401
from .pages import admin as pages_admin  # noqa: F401

admin_actions.install(admin.site)
