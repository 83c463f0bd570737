"""The outbox in the admin, in French.

django-post_office ships no French catalogue (locale/fr/LC_MESSAGES/django.po translates what it
marks for translation) and writes some labels as plain English: the « Message-ID » and
« Message » columns, the « Requeue selected emails » action, the unmarked date fields. Its
admins are re-registered here with French labels; their behaviour is post_office's own.
"""

from __future__ import annotations

from django.contrib import admin
from post_office import admin as post_office_admin
from post_office.models import STATUS, Email, Log

from solidaire.core.text.french import format_count


@admin.action(description="Remettre en file d'attente les e-mails sélectionnés")
def requeue(modeladmin, request, queryset):
    done = queryset.update(status=STATUS.queued)
    modeladmin.message_user(
        request, format_count(done, "e-mail remis", "e-mails remis").capitalize() + " en file d'attente."
    )


class LogInline(post_office_admin.LogInline):
    readonly_fields = fields = ["sent_on", "status", "exception_type", "message"]

    @admin.display(description="date")
    def sent_on(self, obj):
        return obj.date


class EmailAdmin(post_office_admin.EmailAdmin):
    list_display = [
        "truncated_message_id",
        "to_display",
        "shortened_subject",
        "status",
        "updated_on",
        "scheduled_time",
        "use_template",
    ]
    list_filter = ["status", "template__language", "template__name"]
    inlines = [post_office_admin.AttachmentInline, LogInline]
    actions = [requeue]

    @admin.display(description="identifiant du message")
    def truncated_message_id(self, instance):
        return super().truncated_message_id(instance)

    @admin.display(description="dernière mise à jour", ordering="last_updated")
    def updated_on(self, instance):
        return instance.last_updated


@admin.display(description="message")
def message_preview(instance):
    return post_office_admin.get_message_preview(instance)


class LogAdmin(post_office_admin.LogAdmin):
    list_display = ("sent_on", "email", "status", message_preview)

    @admin.display(description="date", ordering="date")
    def sent_on(self, obj):
        return obj.date


for _model, _admin in ((Email, EmailAdmin), (Log, LogAdmin)):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _admin)
