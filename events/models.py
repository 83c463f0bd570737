"""The network's events: Palabres au Mans, pique-niques solidaires, Le Mans goûte le monde…"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from associations.structures.models import Association
from solidaire.core.db import TimeStampedModel


class EventKind(models.TextChoices):
    PALABRES = "palabres", "Palabres au Mans"
    PIQUE_NIQUE = "pique_nique", "Pique-nique solidaire"
    GOUTE_LE_MONDE = "goute_le_monde", "Le Mans goûte le monde"
    VOYAGE_LE_MONDE = "voyage_le_monde", "Le Mans voyage le monde"
    RENCONTRE_LE_MONDE = "rencontre_le_monde", "Le Mans rencontre le monde"
    CONGRES = "congres", "Congrès des Solidarités"
    OTHER = "autre", "Autre temps fort"


class EventStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposé"
    PUBLISHED = "published", "Publié"
    CANCELLED = "cancelled", "Annulé"


class Event(TimeStampedModel):
    title = models.CharField("titre", max_length=200)
    slug = models.SlugField("adresse", max_length=220, unique=True)
    kind = models.CharField("type", max_length=24, choices=EventKind, default=EventKind.OTHER)
    status = models.CharField("statut", max_length=12, choices=EventStatus, default=EventStatus.PROPOSED)
    summary = models.CharField("résumé", max_length=300, blank=True)
    description = models.TextField("description", blank=True)
    starts_at = models.DateTimeField("début")
    ends_at = models.DateTimeField("fin")
    location = models.CharField("lieu", max_length=200, blank=True)
    organiser = models.ForeignKey(
        Association,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name="structure organisatrice",
    )

    class Meta:
        verbose_name = "événement"
        verbose_name_plural = "événements"
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")), name="%(app_label)s_%(class)s_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.slug})
