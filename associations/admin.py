from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from . import services
from .models import Association, Membership, MembershipStatus, Service, Thematique


class ServiceInline(admin.TabularInline):
    model = Service
    extra = 0
    fields = ["name", "description"]
    show_change_link = True


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["user", "role", "status", "decided_at"]
    readonly_fields = ["decided_at"]
    autocomplete_fields = ["user"]


@admin.register(Association)
class AssociationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "quartier", "status", "updated_at"]
    list_filter = ["status", "kind", "quartier"]
    search_fields = ["name", "summary", "email"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ServiceInline, MembershipInline]
    date_hierarchy = "updated_at"


@admin.register(Thematique)
class ThematiqueAdmin(admin.ModelAdmin):
    list_display = ["label", "slug", "data_inclusion_code", "order"]
    search_fields = ["label", "slug"]
    list_editable = ["order"]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "association", "updated_at"]
    list_filter = ["thematiques"]
    search_fields = ["name", "description", "association__name"]
    autocomplete_fields = ["association"]
    filter_horizontal = ["thematiques"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "association", "role", "status", "created_at", "decided_at"]
    list_filter = ["status", "role"]
    search_fields = ["user__email", "user__full_name", "association__name"]
    autocomplete_fields = ["user", "association"]
    readonly_fields = ["decided_by", "decided_at"]
    actions = ["approve_selected"]

    @admin.action(description="Accepter les demandes sélectionnées (rôle membre)")
    def approve_selected(self, request, queryset):
        done = 0
        for membership in queryset.filter(status=MembershipStatus.REQUESTED):
            try:
                services.membership_approve(membership=membership, by=request.user)
                done += 1
            except ValidationError as exc:
                self.message_user(request, f"{membership} : {' '.join(exc.messages)}",
                                  messages.ERROR)
        self.message_user(request, f"{done} demande(s) acceptée(s).", messages.SUCCESS)
from . import admin_actions  # noqa: E402, F401  (actions and volunteering models)
