"""Admin of the social centres' actions (registered through associations/admin.py)."""

from django.contrib import admin

from .models import Action, ActionDimension, ActionInitiator, ActionKeyword, ActionPartner, ActionPublic


class TermAdmin(admin.ModelAdmin):
    list_display = ["label", "slug"]
    search_fields = ["label", "slug"]
    prepopulated_fields = {"slug": ["label"]}


for term_model in (
    ActionDimension,
    ActionKeyword,
    ActionPublic,
    ActionPartner,
    ActionInitiator,
):
    admin.site.register(term_model, TermAdmin)


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["title", "structure", "department", "status", "territory", "updated_at"]
    list_filter = ["status", "dimensions", "publics", "department"]
    search_fields = ["title", "summary", "structure__name"]
    autocomplete_fields = ["structure"]
    filter_horizontal = ["dimensions", "keywords", "publics", "partners", "initiators"]
    readonly_fields = ["natural_key", "source_hash", "source_line", "created_at", "updated_at"]
    fieldsets = [
        (
            "Description",
            {
                "fields": [
                    "title",
                    "slug",
                    "status",
                    "end_reasons",
                    "dimensions",
                    "keywords",
                    "summary",
                    "structure",
                    "department",
                ]
            },
        ),
        ("Raison d'être", {"fields": ["initiators", "initiative_other", "experience", "territory"]}),
        (
            "Méthodologie",
            {
                "fields": [
                    "publics",
                    "partners",
                    "general_description",
                    "financial_resources",
                    "people_involved",
                ]
            },
        ),
        (
            "Auto-évaluation",
            {
                "fields": [
                    "result_territory",
                    "result_centre",
                    "result_inhabitants",
                    "limits",
                    "perspectives",
                    "files_note",
                ]
            },
        ),
        (
            "Import",
            {
                "classes": ["collapse"],
                "fields": ["natural_key", "source_hash", "source_line", "created_at", "updated_at"],
            },
        ),
    ]
