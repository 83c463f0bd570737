"""Reminders sent to a structure whose sheet is awaited (automatic before closing, or manual)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from associations.structures.models import Association
from indicators.catalogue.models import Campaign
from solidaire.core.db import actor_field


class ReminderKind(models.TextChoices):
    AUTO_14 = "auto14", "Automatique (J-14)"
    AUTO_3 = "auto3", "Automatique (J-3)"
    MANUAL = "manual", "Manuelle"


class Reminder(models.Model):
    """A reminder sent to a structure; automatic ones are unique so the task is idempotent."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="reminders", verbose_name="campagne"
    )
    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="indicator_reminders", verbose_name="structure"
    )
    kind = models.CharField("type", max_length=10, choices=ReminderKind)
    sent_at = models.DateTimeField("envoyée le", auto_now_add=True)
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
        ]

    def __str__(self) -> str:
        return f"{self.association} — {self.campaign.year} ({self.get_kind_display()})"
