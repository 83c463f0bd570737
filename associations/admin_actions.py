"""Admin of the social centres' actions and of volunteering (imported from admin.py)."""

from django.contrib import admin

from .models_actions import (
    Action,
    ActionDimension,
    ActionInitiator,
    ActionKeyword,
    ActionPartner,
    ActionPublic,
)
from .models_volunteering import VolunteerInterest, VolunteerMission, VolunteerSkill


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
    VolunteerSkill,
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


class VolunteerInterestInline(admin.TabularInline):
    model = VolunteerInterest
    extra = 0
    fields = ["name", "email", "created_at", "notified_to"]
    readonly_fields = ["created_at", "notified_to"]


@admin.register(VolunteerMission)
class VolunteerMissionAdmin(admin.ModelAdmin):
    list_display = ["title", "association", "quartier", "status", "created_at"]
    list_filter = ["status", "quartier", "skills"]
    search_fields = ["title", "description", "association__name"]
    autocomplete_fields = ["association"]
    filter_horizontal = ["skills"]
    readonly_fields = ["closed_at", "created_by", "created_at", "updated_at"]
    inlines = [VolunteerInterestInline]


@admin.register(VolunteerInterest)
class VolunteerInterestAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "mission", "created_at"]
    list_filter = ["mission__association"]
    search_fields = ["name", "email", "message", "mission__title"]
    readonly_fields = [
        "mission",
        "name",
        "email",
        "message",
        "consent",
        "notified_to",
        "created_at",
        "updated_at",
    ]
