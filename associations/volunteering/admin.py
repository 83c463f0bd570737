"""Admin of volunteering: missions, interests (registered through associations/admin.py)."""

from django.contrib import admin

from .models import VolunteerInterest, VolunteerMission, VolunteerSkill


@admin.register(VolunteerSkill)
class VolunteerSkillAdmin(admin.ModelAdmin):
    # The same options as the actions' vocabularies (associations.actions.admin.TermAdmin).
    list_display = ["label", "slug"]
    search_fields = ["label", "slug"]
    prepopulated_fields = {"slug": ["label"]}


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
