from django.contrib import admin

from .models import Participation


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["association", "edition", "status", "people", "created_at"]
    list_filter = ["status", "edition__series"]
    search_fields = ["association__name", "edition__title", "offer"]
    autocomplete_fields = ["association"]
    raw_id_fields = ["edition", "applied_by", "decided_by"]
