"""Reminders sent to a structure whose sheet is awaited (automatic before closing, or manual)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from associations.structures.models import Association
from indicators.catalogue.models import Campaign
from solidaire.core.db import actor_field


class ReminderKind(models.TextChoices):
    AUTO_14 = "auto14", "Automatique (J-14)"
    AUTO_3 = "auto3", "Automatique (J-3)"
    MANUAL = "manual", "Manuelle"


class Reminder(models.Model):
    """A reminder sent to a structure; automatic ones are unique so the task is idempotent, and
    a structure receives at most one reminder a day for a campaign."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="reminders", verbose_name="campagne"
    )
    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="indicator_reminders", verbose_name="structure"
    )
    kind = models.CharField("type", max_length=10, choices=ReminderKind)
    sent_at = models.DateTimeField("envoyée le", auto_now_add=True)
    # The day (Europe/Paris) it was sent: one reminder per structure and campaign a day, which
    # also makes a double click harmless (the unique constraint below).
    sent_on = models.DateField("jour d'envoi", default=timezone.localdate)
    sent_by = actor_field("envoyée par")
    recipients = models.TextField("destinataires", blank=True)

    class Meta:
        verbose_name = "relance"
        verbose_name_plural = "relances"
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "association", "kind"],
                condition=~Q(kind="manual"),
                name="%(app_label)s_%(class)s_auto_once",
            ),
            models.UniqueConstraint(
                fields=["campaign", "association", "sent_on"], name="%(app_label)s_%(class)s_once_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.association} — {self.campaign.year} ({self.get_kind_display()})"
