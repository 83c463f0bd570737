from django.contrib import admin

from .models import InfoPage


@admin.register(InfoPage)
class InfoPageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "in_footer", "order", "updated_at"]
    list_filter = ["in_footer"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    list_editable = ["order", "in_footer"]
