"""Structures taking part in an edition: a stand, a dish, a show… applied for by a member of the
structure, accepted or declined by CCAS staff within the edition's capacity and deadline."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from associations.structures.models import Association
from solidaire.core.db import TimeStampedModel

from ..calendar.models import Edition, validate_no_html


class ParticipationStatus(models.TextChoices):
    PENDING = "pending", "En attente de réponse"
    ACCEPTED = "accepted", "Acceptée"
    DECLINED = "declined", "Refusée"


class Participation(TimeStampedModel):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="participations", verbose_name="édition"
    )
    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="event_participations", verbose_name="structure"
    )
    status = models.CharField(
        "statut", max_length=10, choices=ParticipationStatus, default=ParticipationStatus.PENDING
    )
    offer = models.TextField(
        "ce que vous présenterez",
        max_length=2000,
        help_text="Un stand, une spécialité culinaire, un concert…",
        validators=[validate_no_html],
    )
    needs_table = models.BooleanField("besoin d'une table", default=False)
    needs_electricity = models.BooleanField("besoin d'électricité", default=False)
    needs_water = models.BooleanField("besoin d'un point d'eau", default=False)
    needs_details = models.CharField("autres besoins", max_length=300, blank=True)
    people = models.PositiveSmallIntegerField("nombre de personnes présentes", default=1)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="demandé par",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="décidé par",
    )
    decided_at = models.DateTimeField("décidé le", null=True, blank=True)
    decision_reason = models.CharField("motif", max_length=500, blank=True)

    class Meta:
        verbose_name = "participation"
        verbose_name_plural = "participations"
        ordering = ["edition", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "association"], name="%(app_label)s_%(class)s_once_per_edition"
            ),
            models.CheckConstraint(
                condition=Q(people__gte=1, people__lte=100), name="%(app_label)s_%(class)s_people_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.association} — {self.edition}"

    @property
    def is_pending(self) -> bool:
        """Waiting for a CCAS decision."""
        return self.status == ParticipationStatus.PENDING

    @property
    def is_accepted(self) -> bool:
        return self.status == ParticipationStatus.ACCEPTED

    @property
    def needs_display(self) -> list[str]:
        needs = [
            label
            for flag, label in (
                (self.needs_table, "table"),
                (self.needs_electricity, "électricité"),
                (self.needs_water, "eau"),
            )
            if flag
        ]
        return [*needs, self.needs_details] if self.needs_details else needs
