"""The editions' admin (with its stages and photos): here rather than in `calendar` because its
saves go through `services.edition_save`, which tells participants and proposers."""

from django.contrib import admin

from ..calendar.models import Edition, EditionPhoto, Stage
from .services import edition_save


class StageInline(admin.TabularInline):
    model = Stage
    extra = 0
    fields = ["position", "name", "place", "starts_at", "ends_at", "latitude", "longitude", "description"]


class PhotoInline(admin.TabularInline):
    model = EditionPhoto
    extra = 0
    fields = ["position", "image", "alt_text", "caption"]


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["title", "series", "starts_at", "status", "participation_open", "capacity"]
    list_filter = ["status", "series__kind", "series", "quartier"]
    search_fields = ["title", "summary", "venue_name"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "starts_at"
    autocomplete_fields = ["organisers"]
    readonly_fields = ["sequence"]
    inlines = [StageInline, PhotoInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "series",
                    "title",
                    "slug",
                    "status",
                    "cancellation_reason",
                    "summary",
                    "description",
                    "sequence",
                ]
            },
        ),
        ("Quand", {"fields": ["starts_at", "ends_at", "all_day"]}),
        ("Où", {"fields": ["venue_name", "street", "postcode", "city", "quartier", "latitude", "longitude"]}),
        (
            "Pour le public",
            {
                "fields": [
                    "image",
                    "image_alt",
                    "accessibility",
                    "is_free",
                    "price_details",
                    "registration_required",
                    "registration_details",
                ]
            },
        ),
        (
            "Structures",
            {"fields": ["organisers", "participation_open", "participation_deadline", "capacity"]},
        ),
        ("Après l'événement", {"fields": ["report"]}),
    ]

    def save_model(self, request, obj, form, change):
        # Cancelled, or moved: the service tells the structures and the proposer.
        edition_save(edition=obj, by=request.user)
