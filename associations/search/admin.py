"""Staff keep the search synonyms in the admin."""

from __future__ import annotations

from django.contrib import admin

from .models import SearchSynonym


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    list_display = ["term", "expansions", "updated_at"]
    search_fields = ["term", "expansions"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "term":  # the model's help text predates phrases (no migration)
            field.help_text = "Un mot ou une courte expression, ex. « restos », « aide aux devoirs »."
        return field
