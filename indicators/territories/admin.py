"""Territories and reference values in the admin (staff fix one value; imports go through the
observatoire's page)."""

from django.contrib import admin

from .models import ReferenceValue, Territory


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "quartier"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]


@admin.register(ReferenceValue)
class ReferenceValueAdmin(admin.ModelAdmin):
    list_display = ["territory", "indicator", "year", "value", "source", "is_demo"]
    list_filter = ["indicator", "year", "is_demo"]
    search_fields = ["territory__name", "source"]
