"""The core app's admin pages, one module per concern, and the site-wide bulk delete.

The admin's bulk delete, with its label agreeing with the records' gender.

Django's French label is « Supprimer les %(verbose_name_plural)s sélectionnés » for every model,
hence « Supprimer les structures sélectionnés ». The site-wide action is replaced by the same
action under a label that agrees (« sélectionnées » after a feminine noun).
"""

from django.contrib import admin
from django.contrib.admin.actions import delete_selected as django_delete_selected

from .documents import admin as documents_admin  # noqa: F401
from .email import admin as email_admin  # noqa: F401
from .pages import admin as pages_admin  # noqa: F401
from .text.french import is_feminine


class AgreedDeleteLabel(str):
    """Django formats an action's description with `description % model_format_dict(opts)`:
    this label agrees the participle with the model's plural name at that moment."""

    def __mod__(self, params) -> str:
        plural = str(params.get("verbose_name_plural", ""))
        return f"Supprimer les {plural} sélectionné{'es' if is_feminine(plural) else 's'}"


def delete_selected(modeladmin, request, queryset):
    return django_delete_selected(modeladmin, request, queryset)


delete_selected.short_description = AgreedDeleteLabel("Supprimer la sélection")
delete_selected.allowed_permissions = ("delete",)


def install(site: admin.AdminSite) -> None:
    """Replace the site-wide « delete_selected » action by the agreed one (same name, so
    ModelAdmins that list or remove « delete_selected » keep working)."""
    site.add_action(delete_selected, "delete_selected")


install(admin.site)
