"""Admin of structures, services, thematiques, memberships and the moderated changes."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Q

from solidaire.core.text.french import format_count

from . import services
from .models import (
    Association,
    ChangeProposal,
    DirectorySettings,
    Membership,
    OpeningSlot,
    Service,
    Thematique,
)
from .selectors import stale_cutoff
from .taxonomy import MembershipStatus, ProposalStatus


class ServiceInline(admin.TabularInline):
    model = Service
    extra = 0
    fields = ["name", "fee", "closed_from", "closed_until"]
    show_change_link = True


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["user", "role", "status", "decided_at"]
    readonly_fields = ["decided_at"]
    autocomplete_fields = ["user"]


class StaleFilter(admin.SimpleListFilter):
    """Cards neither edited nor confirmed within the delay set in the directory settings."""

    title = "fiche à vérifier"
    parameter_name = "a_verifier"

    def lookups(self, request, model_admin):
        return [("oui", "Non mise à jour depuis 12 mois"), ("non", "À jour")]

    def queryset(self, request, queryset):
        cutoff = stale_cutoff()
        stale = Q(updated_at__lt=cutoff) & (Q(last_verified_at__isnull=True) | Q(last_verified_at__lt=cutoff))
        if self.value() == "oui":
            return queryset.filter(stale)
        if self.value() == "non":
            return queryset.exclude(stale)
        return queryset


@admin.register(Association)
class AssociationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "quartier", "status", "updated_at", "last_verified_at"]
    list_filter = ["status", "kind", "quartier", StaleFilter, "pmr_accessible"]
    search_fields = ["name", "summary", "email", "rna", "siret"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ServiceInline, MembershipInline]
    date_hierarchy = "updated_at"
    readonly_fields = ["proposed_by", "reminder_sent_at", "created_at", "updated_at"]
    actions = ["publish_proposals"]

    def save_related(self, request, form, formsets, change):
        """The card and its inline services are saved: rebuild what derives from them, once."""
        super().save_related(request, form, formsets, change)
        association = form.instance
        if not change:
            services.derived_data_refresh(association=association)
            return
        changed = set(form.changed_data)
        if any(formset.model is Service and formset.has_changed() for formset in formsets):
            changed.add("services")
        services.association_card_written(association=association, changed=changed)

    @admin.action(description="Publier les structures proposées sélectionnées")
    def publish_proposals(self, request, queryset):
        done = 0
        for association in queryset.filter(status="draft"):
            try:
                services.structure_proposal_publish(association=association, by=request.user)
                done += 1
            except ValidationError as exc:
                self.message_user(request, f"{association} : {' '.join(exc.messages)}", messages.ERROR)
        self.message_user(
            request,
            format_count(done, "structure publiée", feminine=True).capitalize() + ".",
            messages.SUCCESS,
        )


@admin.register(Thematique)
class ThematiqueAdmin(admin.ModelAdmin):
    list_display = ["label", "slug", "data_inclusion_code", "order"]
    list_filter = ["data_inclusion_code"]
    search_fields = ["label", "slug"]
    list_editable = ["order"]

    # A thematique's label is a word of every structure offering it (their search text).
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "label" in form.changed_data:
            services.thematiques_derived_refresh(associations=services.offering([obj]))

    def delete_model(self, request, obj):
        associations = services.offering([obj])
        super().delete_model(request, obj)
        services.thematiques_derived_refresh(associations=associations)

    def delete_queryset(self, request, queryset):
        associations = services.offering(queryset)
        super().delete_queryset(request, queryset)
        services.thematiques_derived_refresh(associations=associations)


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "association", "fee", "closed_from", "closed_until", "updated_at"]
    list_filter = ["thematiques", "fee"]
    search_fields = ["name", "description", "association__name"]
    autocomplete_fields = ["association"]
    filter_horizontal = ["thematiques"]

    def save_related(self, request, form, formsets, change):
        """After the thematiques are saved too: the service's slots and its structure's words."""
        super().save_related(request, form, formsets, change)
        service = form.instance
        services.service_derived_refresh(service=service, changed=set(form.changed_data) if change else None)
        previous = form.initial.get("association") if change else None
        if previous and previous != service.association_id:  # moved: the former one loses its words
            former = Association.objects.get(pk=previous)
            services.derived_data_refresh(association=former, changed={"services"})

    def delete_model(self, request, obj):
        association = obj.association
        super().delete_model(request, obj)
        services.derived_data_refresh(association=association, changed={"services"})

    def delete_queryset(self, request, queryset):
        associations = list(Association.objects.filter(services__in=queryset).distinct())
        super().delete_queryset(request, queryset)
        for association in associations:
            services.derived_data_refresh(association=association, changed={"services"})


@admin.register(DirectorySettings)
class DirectorySettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "moderate_member_changes", "stale_after_days"]
    list_filter = ["moderate_member_changes"]
    search_fields: list[str] = []

    def has_add_permission(self, request):
        return not DirectorySettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ChangeProposal)
class ChangeProposalAdmin(admin.ModelAdmin):
    list_display = ["association", "kind", "service", "status", "proposed_by", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["association__name", "proposed_by__email"]
    readonly_fields = ["association", "service", "kind", "payload", "proposed_by", "decided_by", "decided_at"]
    actions = ["approve_selected"]

    @admin.action(description="Publier les modifications sélectionnées")
    def approve_selected(self, request, queryset):
        done = 0
        for proposal in queryset.filter(status=ProposalStatus.PENDING):
            try:
                services.change_proposal_approve(proposal=proposal, by=request.user)
                done += 1
            except ValidationError as exc:
                self.message_user(request, f"{proposal} : {' '.join(exc.messages)}", messages.ERROR)
        self.message_user(
            request,
            format_count(done, "modification publiée", feminine=True).capitalize() + ".",
            messages.SUCCESS,
        )


@admin.register(OpeningSlot)
class OpeningSlotAdmin(admin.ModelAdmin):
    """Derived from opening hours; shown read-only for checking the "open now" filter."""

    list_display = ["association", "weekday", "opens", "closes"]
    list_filter = ["weekday"]
    search_fields = ["association__name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


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
                self.message_user(request, f"{membership} : {' '.join(exc.messages)}", messages.ERROR)
        self.message_user(
            request,
            format_count(done, "demande acceptée", feminine=True).capitalize() + ".",
            messages.SUCCESS,
        )
