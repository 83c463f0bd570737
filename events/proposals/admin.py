from django.contrib import admin

from .models import EventProposal


@admin.register(EventProposal)
class EventProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "association", "starts_at", "status", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "association__name", "description"]
    autocomplete_fields = ["association"]
    raw_id_fields = ["proposed_by", "decided_by", "edition"]
