from django.contrib import admin

from .models import CongressDay, CongressEdition, Session, Theme


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0


class DayInline(admin.TabularInline):
    model = CongressDay
    extra = 0


@admin.register(CongressEdition)
class CongressEditionAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "starts_on", "venue", "capacity", "places_taken"]
    search_fields = ["title", "theme", "venue"]
    readonly_fields = ["places_taken"]
    inlines = [DayInline, ThemeInline]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "day", "starts_at", "room", "capacity", "places_taken"]
    list_filter = ["day__edition", "kind"]
    search_fields = ["title", "room"]
    readonly_fields = ["places_taken"]
    autocomplete_fields = ["facilitators"]
