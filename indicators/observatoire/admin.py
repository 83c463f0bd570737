"""Published reports in the admin: staff take one off the public page by deleting it."""

from django.contrib import admin

from .models import ReportPublication


@admin.register(ReportPublication)
class ReportPublicationAdmin(admin.ModelAdmin):
    list_display = ["title", "created_at", "published_by"]
    readonly_fields = ["document", "title", "published_by", "created_at", "updated_at"]

    def has_add_permission(self, request):
        return False  # published from /observatoire/rapports/
