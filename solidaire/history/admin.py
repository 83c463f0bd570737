"""The change history, read-only in the admin: one list per tracked kind of record."""

from __future__ import annotations

from django.contrib import admin

from .models import TRACKED


class HistoryAdmin(admin.ModelAdmin):
    list_display = ["history_date", "history_object_label", "history_type", "history_user", "history_change"]
    list_filter = ["history_type", "history_date"]
    date_hierarchy = "history_date"
    list_select_related = ["history_user"]
    search_fields = ["history_change_reason"]

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
