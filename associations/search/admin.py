"""Staff keep the search synonyms in the admin."""

from __future__ import annotations

from django.contrib import admin

from .models import SearchSynonym


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    list_display = ["term", "expansions", "updated_at"]
    search_fields = ["term", "expansions"]
