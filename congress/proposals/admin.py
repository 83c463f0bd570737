from django.contrib import admin

from .models import Proposal


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "theme", "status", "group_label"]
    list_filter = ["theme__edition", "theme", "status"]
    search_fields = ["title", "body"]
    # The author's private link would let whoever reads the admin into their registration.
    exclude = ["registration_token"]
