"""Staff follow the users' council requests in the admin: contact, then archive."""

from __future__ import annotations

from django.contrib import admin

from . import services
from .models import CouncilRequest, CouncilRequestStatus


@admin.register(CouncilRequest)
class CouncilRequestAdmin(admin.ModelAdmin):
    list_display = ["name", "phone", "email", "accompanying_structure", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "email", "phone"]
    readonly_fields = ["consent", "handled_by", "handled_at", "created_at"]
    autocomplete_fields = ["accompanying_structure"]
    actions = ["mark_contacted", "archive"]

    @admin.action(description="Marquer comme contactées")
    def mark_contacted(self, request, queryset):
        for item in queryset:
            services.council_request_mark(
                user=request.user, council_request=item, status=CouncilRequestStatus.CONTACTED
            )

    @admin.action(description="Archiver")
    def archive(self, request, queryset):
        for item in queryset:
            services.council_request_mark(
                user=request.user, council_request=item, status=CouncilRequestStatus.ARCHIVED
            )
