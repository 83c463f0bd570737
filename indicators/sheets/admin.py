"""Sheets in the admin: read-mostly (changes go through the portal's workflow so they reach the
audit trail), and the audit trail itself, read-only."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from .models import Sheet, SheetAudit, SheetValue


class SheetValueInline(admin.TabularInline):
    model = SheetValue
    extra = 0
    readonly_fields = ["indicator", "category", "value"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Sheet)
class SheetAdmin(admin.ModelAdmin):
    """Read-mostly: changes go through the portal's workflow so they reach the audit trail."""

    list_display = ["association", "campaign", "status", "submitted_at", "validated_at", "version"]
    list_filter = ["campaign", "status"]
    search_fields = ["association__name"]
    readonly_fields = [
        "association",
        "campaign",
        "status",
        "version",
        "updated_by",
        "submitted_at",
        "submitted_by",
        "validated_at",
        "validated_by",
        "staff_comment",
        "activity_report_link",
    ]
    # The report is private: no storage URL, a link to the view that checks permissions.
    exclude = ["activity_report"]
    inlines = [SheetValueInline]

    @admin.display(description="rapport d'activité (PDF)")
    def activity_report_link(self, obj):
        if not obj.activity_report:
            return "—"
        url = reverse(
            "indicators:activity_report", kwargs={"slug": obj.association.slug, "year": obj.campaign.year}
        )
        return format_html('<a href="{}">Télécharger</a>', url)


@admin.register(SheetValue)
class SheetValueAdmin(admin.ModelAdmin):
    list_display = ["sheet", "indicator", "category", "value"]
    list_filter = ["sheet__campaign", "indicator__family"]
    search_fields = ["sheet__association__name", "indicator__code"]
    list_select_related = ["sheet__association", "sheet__campaign", "indicator", "category"]
    readonly_fields = ["sheet", "indicator", "category", "value"]


@admin.register(SheetAudit)
class SheetAuditAdmin(admin.ModelAdmin):
    list_display = ["created_at", "sheet", "user", "action", "indicator", "old_value", "new_value"]
    list_filter = ["action", "sheet__campaign"]
    search_fields = ["sheet__association__name", "user__email", "indicator__code"]
    list_select_related = ["sheet__association", "sheet__campaign", "user", "indicator"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
