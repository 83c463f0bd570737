from allauth.account.admin import EmailAddressAdmin as AllauthEmailAddressAdmin
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .forms import StaffLoginForm
from .models import User
from .roles import can_administer_account

# The admin's door checks passwords with the portal's limits (allauth's login_failed).
admin.site.login_form = StaffLoginForm

# Only a superuser hands out admin access or rights, to anyone (no self-promotion either).
SUPERUSER_ONLY_FIELDS = ["is_superuser", "is_staff", "groups"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "date_joined", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["date_joined", "last_login"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Identité", {"fields": ("full_name",)}),
        ("Droits", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += SUPERUSER_ONLY_FIELDS
        return fields

    def has_change_permission(self, request, obj=None):
        # Also guards the "change password" view, which asks the same question.
        return super().has_change_permission(request, obj) and can_administer_account(request.user, obj)

    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),
    )


admin.site.unregister(EmailAddress)


@admin.register(EmailAddress)
class EmailAddressAdmin(AllauthEmailAddressAdmin):
    """allauth's admin, minus what would let staff redirect a colleague's password reset: the
    addresses of staff and superuser accounts, and moving an address to another account."""

    def has_change_permission(self, request, obj=None):
        target = obj.user if obj is not None else None
        return super().has_change_permission(request, obj) and can_administer_account(request.user, target)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields.append("user")
        return fields
