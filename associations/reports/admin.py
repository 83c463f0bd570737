"""Staff see and close the card error reports in the admin."""

from __future__ import annotations

from django.contrib import admin

from . import services
from .models import CardReport


@admin.register(CardReport)
class CardReportAdmin(admin.ModelAdmin):
    list_display = ["association", "topic", "status", "created_at"]
    list_filter = ["status", "topic"]
    search_fields = ["association__name", "message"]
    readonly_fields = ["association", "topic", "message", "email", "resolved_by", "resolved_at", "created_at"]
    actions = ["resolve"]

    @admin.action(description="Marquer comme traités")
    def resolve(self, request, queryset):
        for report in queryset.select_related("association"):
            services.card_report_resolve(user=request.user, report=report)
