"""What a reader says is wrong on a directory card, until staff or the structure fix it."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from solidaire.core.db import TimeStampedModel, actor_field


class ReportTopic(models.TextChoices):
    HOURS = "hours", "Horaires"
    ADDRESS = "address", "Adresse ou plan"
    CONTACT = "contact", "Téléphone, e-mail ou site"
    SERVICES = "services", "Services proposés"
    CLOSED = "closed", "La structure n'existe plus ou a fermé"
    OTHER = "other", "Autre chose"


class ReportStatus(models.TextChoices):
    OPEN = "open", "À traiter"
    RESOLVED = "resolved", "Traité"


class CardReport(TimeStampedModel):
    """One reader's report on one card."""

    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.CASCADE,
        related_name="card_reports",
        verbose_name="structure",
    )
    topic = models.CharField("ce qui ne va pas", max_length=10, choices=ReportTopic)
    message = models.TextField("précisions", max_length=2000)
    email = models.EmailField("e-mail pour vous répondre", blank=True)
    status = models.CharField("statut", max_length=10, choices=ReportStatus, default=ReportStatus.OPEN)
    resolved_by = actor_field("traité par")
    resolved_at = models.DateTimeField("traité le", null=True, blank=True)

    class Meta:
        verbose_name = "signalement d'erreur"
        verbose_name_plural = "signalements d'erreur"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ReportStatus.values), name="%(app_label)s_%(class)s_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="resolved") | Q(resolved_at__isnull=False),
                name="%(app_label)s_%(class)s_resolved_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.association} — {self.get_topic_display()}"
