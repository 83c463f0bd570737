"""Requests to join the users' council (« Conseil des usagers »), kept for a stated period."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from solidaire.core.db import TimeStampedModel, actor_field

# Stated on the form and applied by `council_requests_purge`.
RETENTION_MONTHS = 24


class CouncilRequestStatus(models.TextChoices):
    NEW = "new", "Nouvelle"
    CONTACTED = "contacted", "Personne contactée"
    ARCHIVED = "archived", "Archivée"


class CouncilRequest(TimeStampedModel):
    """Someone who would like to join the users' council, and how to reach them."""

    name = models.CharField("nom ou prénom", max_length=150)
    phone = models.CharField("téléphone", max_length=20, blank=True)
    email = models.EmailField("e-mail", blank=True)
    accompanying_structure = models.ForeignKey(
        "associations.Association",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="council_requests",
        verbose_name="structure qui accompagne la personne",
    )
    accompanying_other = models.CharField("autre structure", max_length=200, blank=True)
    availability = models.CharField("disponibilités", max_length=500, blank=True)
    consent = models.BooleanField("consentement au traitement des données")
    status = models.CharField(
        "statut", max_length=10, choices=CouncilRequestStatus, default=CouncilRequestStatus.NEW
    )
    handled_by = actor_field("suivie par")
    handled_at = models.DateTimeField("suivie le", null=True, blank=True)
    staff_note = models.TextField("note du CCAS", blank=True)

    class Meta:
        verbose_name = "demande au conseil des usagers"
        verbose_name_plural = "demandes au conseil des usagers"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(consent=True), name="%(app_label)s_%(class)s_consent_given"),
            models.CheckConstraint(
                condition=~Q(phone="") | ~Q(email=""), name="%(app_label)s_%(class)s_reachable"
            ),
            models.CheckConstraint(
                condition=Q(status__in=CouncilRequestStatus.values),
                name="%(app_label)s_%(class)s_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_status_display()})"
