"""Charter admin for CCAS staff: versions edited through inlines, signatures moved through the
services (approve, refuse, withdraw: never deleted), cached PDFs watched and re-rendered."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse

from solidaire.core.documents.services import document_invalidate
from solidaire.core.text.french import format_count

from . import documents, services
from .models import (
    CharterArticle,
    CharterSection,
    CharterValue,
    CharterVersion,
    Signature,
    SignatureInvitation,
    SignatureStatus,
)


class SectionInline(admin.StackedInline):
    model = CharterSection
    extra = 0
    fields = ["number", "title", "body", "closing"]
    show_change_link = True


class ValueInline(admin.TabularInline):
    model = CharterValue
    extra = 0
    fields = ["order", "label"]


class ArticleInline(admin.StackedInline):
    model = CharterArticle
    extra = 0
    fields = ["number", "title", "body"]


def _report(modeladmin, request, error: Exception, prefix: str = "") -> None:
    text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
    modeladmin.message_user(request, f"{prefix}{text}", messages.ERROR)


@admin.register(CharterVersion)
class CharterVersionAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "adopted_on", "is_current", "updated_at"]
    list_filter = ["is_current", "adopted_on"]
    search_fields = ["title", "changes_summary", "foreword"]
    readonly_fields = ["is_current"]
    fieldsets = [
        (None, {"fields": ["number", "title", "adopted_on", "is_current", "changes_summary"]}),
        (
            "Avant-propos",
            {"fields": ["foreword_title", "foreword", "foreword_author", "foreword_author_role"]},
        ),
    ]
    inlines = [SectionInline]
    actions = ["adopt", "invite_to_resign", "duplicate"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.charter_content_changed(version=form.instance)

    @admin.action(description="Adopter la version sélectionnée (la mettre en vigueur)")
    def adopt(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Sélectionnez une seule version à adopter.", messages.ERROR)
            return
        try:
            version = services.version_adopt(version=queryset.get(), by=request.user)
        except (ValidationError, PermissionDenied) as exc:
            _report(self, request, exc)
            return
        self.message_user(
            request,
            f"La version {version.number} est en vigueur. Pensez à inviter les signataires à la signer.",
            messages.SUCCESS,
        )

    @admin.action(description="Inviter les signataires des versions précédentes à la signer")
    def invite_to_resign(self, request, queryset):
        for version in queryset:
            try:
                asked = services.signatories_invite_to_resign(version=version, by=request.user)
            except (ValidationError, PermissionDenied) as exc:
                _report(self, request, exc, prefix=f"Version {version.number} : ")
            else:
                self.message_user(
                    request,
                    f"Version {version.number} : "
                    + format_count(asked, "structure invitée", feminine=True)
                    + " par e-mail.",
                    messages.SUCCESS,
                )

    @admin.action(description="Créer un brouillon de nouvelle version à partir de celle-ci")
    def duplicate(self, request, queryset):
        for version in queryset:
            draft = services.version_duplicate(version=version, by=request.user)
            self.message_user(request, f"Brouillon de version {draft.number} créé.", messages.SUCCESS)


@admin.register(CharterSection)
class CharterSectionAdmin(admin.ModelAdmin):
    list_display = ["title", "number", "version"]
    list_filter = ["version"]
    search_fields = ["title", "body", "closing"]
    inlines = [ValueInline, ArticleInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.charter_content_changed(version=form.instance.version)


@admin.register(CharterArticle)
class CharterArticleAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "section"]
    list_filter = ["section__version"]
    search_fields = ["title", "body"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.charter_content_changed(version=obj.section.version)


@admin.register(CharterValue)
class CharterValueAdmin(admin.ModelAdmin):
    list_display = ["label", "order", "section"]
    list_filter = ["section__version"]
    search_fields = ["label"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.charter_content_changed(version=obj.section.version)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Motif",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": "Indiquez le motif."},
    )


class SignatureAdminForm(forms.ModelForm):
    class Meta:
        model = Signature
        fields = ["association", "version", "representative_name", "representative_role", "signed_on"]

    def clean(self):
        data = super().clean()
        if self.instance.pk is None:
            # Adding = recording a paper signature: checked here so errors show on the form.
            if not data.get("signed_on"):
                self.add_error("signed_on", "Indiquez la date de signature.")
            version, association = data.get("version"), data.get("association")
            if version and version.adopted_on is None:
                self.add_error("version", "Cette version n'est pas encore adoptée.")
            if (
                version
                and association
                and Signature.objects.filter(
                    association=association, version=version, status__in=["requested", "signed"]
                ).exists()
            ):
                raise forms.ValidationError(
                    f"« {association} » a déjà une signature en cours ou "
                    f"validée pour la version {version.number}."
                )
        return data


@admin.register(Signature)
class SignatureAdmin(admin.ModelAdmin):
    form = SignatureAdminForm
    list_display = ["association", "version", "status", "signed_on", "representative_name", "withdrawn_on"]
    list_filter = ["status", "version", "association__kind"]
    search_fields = ["association__name", "representative_name", "withdrawal_reason", "rejection_reason"]
    autocomplete_fields = ["association"]
    date_hierarchy = "created_at"
    actions = ["approve_selected", "reject_selected", "withdraw_selected"]
    history_fields = [
        "status",
        "acknowledged_articles",
        "requested_by",
        "created_at",
        "decided_by",
        "decided_at",
        "rejection_reason",
        "withdrawn_on",
        "withdrawal_reason",
    ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        # Status and dates only move through the actions (the services), which keep history.
        return ["association", "version", "signed_on", *self.history_fields]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["association", "version", "representative_name", "representative_role", "signed_on"]
        return [
            "association",
            "version",
            "representative_name",
            "representative_role",
            "signed_on",
            *self.history_fields,
        ]

    def has_delete_permission(self, request, obj=None):
        return False  # history is never deleted: withdraw instead

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            if obj.status == SignatureStatus.SIGNED:
                document_invalidate(kind=documents.SIGNATORIES)
            return
        # A signature recorded by staff (on paper): signed on the date given.
        saved = services.signature_record(
            association=obj.association,
            version=obj.version,
            by=request.user,
            representative_name=obj.representative_name,
            representative_role=obj.representative_role,
            signed_on=obj.signed_on,
        )
        obj.pk = saved.pk

    @admin.action(description="Valider les signatures sélectionnées")
    def approve_selected(self, request, queryset):
        done = 0
        for signature in queryset.select_related("association"):
            try:
                services.signature_approve(signature=signature, by=request.user)
                done += 1
            except (ValidationError, PermissionDenied) as exc:
                _report(self, request, exc, prefix=f"{signature.association} : ")
        if done:
            self.message_user(
                request,
                format_count(done, "signature validée", feminine=True).capitalize() + ".",
                messages.SUCCESS,
            )

    def _with_reason(self, request, queryset, *, action: str, title: str, service, done_text):
        form = ReasonForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            done = 0
            for signature in queryset.select_related("association"):
                try:
                    service(signature=signature, by=request.user, reason=form.cleaned_data["reason"])
                    done += 1
                except (ValidationError, PermissionDenied) as exc:
                    _report(self, request, exc, prefix=f"{signature.association} : ")
            if done:
                self.message_user(
                    request, format_count(done, done_text, feminine=True).capitalize() + ".", messages.SUCCESS
                )
            return None
        return TemplateResponse(
            request,
            "admin/charter/signature/reason_form.html",
            {
                **self.admin_site.each_context(request),
                "title": title,
                "form": form,
                "queryset": queryset,
                "action": action,
                "opts": self.model._meta,
            },
        )

    @admin.action(description="Refuser les demandes sélectionnées (avec un motif)")
    def reject_selected(self, request, queryset):
        return self._with_reason(
            request,
            queryset,
            action="reject_selected",
            title="Refuser des demandes de signature",
            service=services.signature_reject,
            done_text="demande refusée",
        )

    @admin.action(description="Retirer les signatures sélectionnées (avec un motif)")
    def withdraw_selected(self, request, queryset):
        return self._with_reason(
            request,
            queryset,
            action="withdraw_selected",
            title="Retirer des signatures",
            service=services.signature_withdraw,
            done_text="signature retirée",
        )


@admin.register(SignatureInvitation)
class SignatureInvitationAdmin(admin.ModelAdmin):
    list_display = ["association", "version", "sent_at", "sent_by"]
    list_filter = ["version"]
    search_fields = ["association__name"]
    readonly_fields = ["association", "version", "sent_at", "sent_by"]

    def has_add_permission(self, request):
        return False
