from django.contrib import admin

from .models import CongressEdition, Workshop


class WorkshopInline(admin.TabularInline):
    model = Workshop
    extra = 0


@admin.register(CongressEdition)
class CongressEditionAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "starts_on", "venue"]
    search_fields = ["title", "theme", "venue"]
    inlines = [WorkshopInline]


@admin.register(Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    list_display = ["title", "edition", "order"]
    list_filter = ["edition"]
    search_fields = ["title", "description"]
