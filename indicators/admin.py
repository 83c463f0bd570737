"""The catalogue, campaigns and rules are edited here by CCAS staff, without code."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html

from .models import (
    Breakdown,
    BreakdownCategory,
    Campaign,
    CampaignIndicator,
    IndicatorDefinition,
    Reminder,
    Sheet,
    SheetAudit,
    SheetValue,
    ValidationRule,
)
from .services_campaigns import campaign_create_next


class BreakdownCategoryInline(admin.TabularInline):
    model = BreakdownCategory
    extra = 1


@admin.register(Breakdown)
class BreakdownAdmin(admin.ModelAdmin):
    list_display = ["label", "code"]
    search_fields = ["label", "code"]
    list_filter = ["indicators__family"]
    inlines = [BreakdownCategoryInline]


@admin.register(BreakdownCategory)
class BreakdownCategoryAdmin(admin.ModelAdmin):
    list_display = ["label", "code", "breakdown", "order"]
    list_filter = ["breakdown"]
    search_fields = ["label", "code"]


@admin.register(IndicatorDefinition)
class IndicatorDefinitionAdmin(admin.ModelAdmin):
    # A retired indicator is unticked here, never deleted: old sheets keep showing it.
    list_display = ["label", "code", "family", "unit", "value_type", "formula", "is_active", "order"]
    list_filter = ["family", "unit", "value_type", "is_active", "breakdown"]
    search_fields = ["label", "code", "help_text"]
    list_editable = ["order", "is_active"]


class CampaignIndicatorInline(admin.TabularInline):
    model = CampaignIndicator
    extra = 1
    autocomplete_fields = ["indicator"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["year", "opens_on", "closes_on", "theme_title", "outlier_factor"]
    list_filter = ["closes_on"]
    search_fields = ["year", "theme_title"]
    inlines = [CampaignIndicatorInline]
    actions = ["create_next"]

    @admin.action(description="Préparer la campagne de l'année suivante (socle actif)")
    def create_next(self, request, queryset):
        for campaign in queryset:
            try:
                created = campaign_create_next(previous=campaign)
            except ValidationError as exc:
                self.message_user(request, " ".join(exc.messages), messages.ERROR)
            else:
                self.message_user(
                    request, f"Campagne {created.year} créée avec {created.items.count()} indicateurs."
                )


@admin.register(CampaignIndicator)
class CampaignIndicatorAdmin(admin.ModelAdmin):
    list_display = ["campaign", "indicator", "order", "is_themed", "is_required"]
    list_filter = ["campaign", "is_themed", "is_required", "indicator__family"]
    search_fields = ["indicator__label", "indicator__code"]


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


@admin.register(ValidationRule)
class ValidationRuleAdmin(admin.ModelAdmin):
    list_display = ["name", "left", "operator", "right", "severity", "is_active"]
    list_filter = ["severity", "operator", "is_active"]
    search_fields = ["name", "left", "right", "message"]


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


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["sent_at", "campaign", "association", "kind", "sent_by"]
    list_filter = ["kind", "campaign"]
    search_fields = ["association__name", "recipients"]
