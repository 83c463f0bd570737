"""Proposals made by attendees and facilitators, per theme; facilitators group, merge and edit
them; the kept ones make the edition's *cahier des propositions*."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from congress.editions.models import Theme
from solidaire.core.db import TimeStampedModel


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", "À examiner"
    KEPT = "kept", "Retenue pour le cahier"
    MERGED = "merged", "Fusionnée dans une autre"
    SET_ASIDE = "set_aside", "Écartée"


class Proposal(TimeStampedModel):
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="proposals", verbose_name="thème")
    title = models.CharField("titre", max_length=200)
    body = models.TextField("proposition", max_length=3000)
    author_name = models.CharField("proposée par", max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="congress_proposals",
        verbose_name="compte de l'auteur·rice",
    )
    registration_token = models.CharField("inscription de l'auteur·rice", max_length=64, blank=True)
    status = models.CharField(
        "état", max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.SUBMITTED
    )
    group_label = models.CharField("regroupement", max_length=200, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged",
        verbose_name="fusionnée dans",
    )

    class Meta:
        verbose_name = "proposition"
        verbose_name_plural = "propositions"
        ordering = ["theme", "group_label", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="merged") | Q(merged_into__isnull=False),
                name="%(app_label)s_%(class)s_merged_has_target",
            ),
        ]

    def __str__(self) -> str:
        return self.title
