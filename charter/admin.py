from django.contrib import admin

from .models import CharterVersion, Signature


@admin.register(CharterVersion)
class CharterVersionAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "adopted_on", "is_current"]
    list_filter = ["is_current"]
    search_fields = ["title", "changes_summary"]


@admin.register(Signature)
class SignatureAdmin(admin.ModelAdmin):
    list_display = ["association", "version", "status", "signed_on", "representative_name"]
    list_filter = ["status", "version"]
    search_fields = ["association__name", "representative_name"]
    autocomplete_fields = ["association"]
