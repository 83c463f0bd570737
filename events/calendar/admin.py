from django.contrib import admin

from .models import Edition, EditionPhoto, EventSeries, Stage


@admin.register(EventSeries)
class EventSeriesAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "since_year"]
    list_filter = ["kind"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisers"]


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
        (None, {"fields": ["series", "title", "slug", "status", "summary", "description", "sequence"]}),
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
