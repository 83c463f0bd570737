"""Staff review the practices in the admin too (publish or archive several at once)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from . import services
from .models import Practice


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    list_display = ["title", "association", "status", "published_at", "updated_at"]
    list_filter = ["status", "quartier"]
    search_fields = ["title", "association__name"]
    autocomplete_fields = ["association"]
    filter_horizontal = ["thematiques"]
    readonly_fields = ["written_by", "published_at", "published_by"]
    actions = ["publish", "archive"]

    @admin.action(description="Publier les pratiques sélectionnées")
    def publish(self, request, queryset):
        for practice in queryset:
            try:
                services.practice_publish(user=request.user, practice=practice)
            except ValidationError as exc:
                self.message_user(request, f"{practice} : {' '.join(exc.messages)}", messages.ERROR)

    @admin.action(description="Archiver les pratiques sélectionnées")
    def archive(self, request, queryset):
        for practice in queryset:
            services.practice_archive(user=request.user, practice=practice)
