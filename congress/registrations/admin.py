from django.contrib import admin

from .models import Booking, Registration


class BookingInline(admin.TabularInline):
    model = Booking
    extra = 0
    readonly_fields = ["session", "status", "offered_until"]
    can_delete = False


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Read mostly: places change only through the services (the private link, staff tools)."""

    list_display = ["__str__", "edition", "organisation_kind", "status", "checked_in_at"]
    list_filter = ["edition", "status", "organisation_kind"]
    search_fields = ["last_name", "first_name", "email", "organisation"]
    readonly_fields = [
        "status",
        "edition",
        "user",
        "expires_at",
        "confirmed_at",
        "cancelled_at",
        "anonymised_at",
    ]
    exclude = ["days"]
    inlines = [BookingInline]
