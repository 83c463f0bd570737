"""The catalogue, campaigns and rules are edited here by CCAS staff, without code."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from .models import (
    Breakdown,
    BreakdownCategory,
    Campaign,
    CampaignIndicator,
    IndicatorDefinition,
    ValidationRule,
)
from .services import campaign_create_next


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


@admin.register(ValidationRule)
class ValidationRuleAdmin(admin.ModelAdmin):
    list_display = ["name", "left", "operator", "right", "severity", "is_active"]
    list_filter = ["severity", "operator", "is_active"]
    search_fields = ["name", "left", "right", "message"]
