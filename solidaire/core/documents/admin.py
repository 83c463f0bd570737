"""Generated documents in the admin: their state, and a way to produce them again."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from solidaire.core.text.french import format_count

from . import services
from .models import GeneratedDocument
from .registry import UnknownDocumentKind


@admin.register(GeneratedDocument)
class GeneratedDocumentAdmin(admin.ModelAdmin):
    list_display = [
        "kind",
        "params",
        "status",
        "progress",
        "requested_by",
        "requested_at",
        "finished_at",
        "size",
    ]
    list_filter = ["kind", "status"]
    search_fields = ["kind", "download_name", "error"]
    readonly_fields = [f.name for f in GeneratedDocument._meta.fields]
    actions = ["regenerate"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Produire à nouveau les documents sélectionnés")
    def regenerate(self, request, queryset):
        done = 0
        for document in queryset:
            try:
                services.document_invalidate(kind=document.kind, params=document.params, user=request.user)
            except (UnknownDocumentKind, ValidationError) as exc:
                self.message_user(request, f"{document} : {exc}", messages.ERROR)
            else:
                done += 1
        self.message_user(
            request,
            format_count(done, "document mis", "documents mis").capitalize() + " en production.",
            messages.SUCCESS,
        )
