"""Reminders sent, listed for CCAS staff."""

from django.contrib import admin

from .models import Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["sent_at", "campaign", "association", "kind", "sent_by"]
    list_filter = ["kind", "campaign"]
    search_fields = ["association__name", "recipients"]
