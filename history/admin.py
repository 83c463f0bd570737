"""The change history, read-only in the admin: one list per tracked kind of record."""

from __future__ import annotations

from django.contrib import admin

from .models import TRACKED


def _titled(filter_class, title: str):
    """A list filter under a French title: simple_history's fields have no verbose name, so the
    admin would print « Par history type »."""

    class Titled(filter_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.title = title

    return Titled


class HistoryAdmin(admin.ModelAdmin):
    # simple_history's own fields (history_date, history_type, history_user) carry no French
    # verbose name: each column and filter names itself here.
    list_display = ["changed_on", "history_object_label", "change_kind", "changed_by", "history_change"]
    list_filter = [
        ("history_type", _titled(admin.ChoicesFieldListFilter, "type de changement")),
        ("history_date", _titled(admin.DateFieldListFilter, "date")),
    ]
    date_hierarchy = "history_date"
    list_select_related = ["history_user"]
    search_fields = ["history_change_reason"]

    @admin.display(description="date", ordering="history_date")
    def changed_on(self, obj):
        return obj.history_date

    @admin.display(description="type de changement", ordering="history_type")
    def change_kind(self, obj) -> str:
        return {"+": "création", "~": "modification", "-": "suppression"}.get(
            obj.history_type, obj.history_type
        )

    @admin.display(description="par", ordering="history_user")
    def changed_by(self, obj) -> str:
        user = obj.history_user
        return user.get_full_name() if user else "—"

    @admin.display(description="fiche")
    def history_object_label(self, obj) -> str:
        return str(obj.instance)

    @admin.display(description="changements")
    def history_change(self, obj) -> str:
        previous = obj.prev_record
        if previous is None:
            return "création" if obj.history_type == "+" else ""
        delta = obj.diff_against(previous)
        return ", ".join(
            f"{obj.instance._meta.get_field(c.field).verbose_name} : « {c.old} » → « {c.new} »"
            for c in delta.changes
        )

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


for _model in TRACKED:
    admin.site.register(_model.history.model, HistoryAdmin)
