from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html_join

from .models import CongressDay, CongressEdition, Session, Theme


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0


class DayInline(admin.TabularInline):
    model = CongressDay
    extra = 0


@admin.register(CongressEdition)
class CongressEditionAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "starts_on", "venue", "capacity", "places_taken", "staff_tools"]
    search_fields = ["title", "theme", "venue"]
    readonly_fields = ["places_taken", "staff_tools"]
    inlines = [DayInline, ThemeInline]

    @admin.display(description="outils de l'équipe")
    def staff_tools(self, edition: CongressEdition) -> str:
        """The congress's own staff pages, where the admin has no form for them."""
        if not edition.pk:
            return "—"
        links = [
            (reverse("congress:dashboard", args=[edition.year]), "Gestion des inscriptions"),
            (reverse("congress:checkin", args=[edition.year]), "Accueil"),
            (reverse("congress:proposals", args=[edition.year]), "Propositions"),
        ]
        return format_html_join(" · ", '<a href="{}">{}</a>', links)


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "day", "starts_at", "room", "capacity", "places_taken"]
    list_filter = ["day__edition", "kind"]
    search_fields = ["title", "room"]
    readonly_fields = ["places_taken"]
    autocomplete_fields = ["facilitators"]
