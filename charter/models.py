"""The charter (versioned text) and the structures that signed it."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from associations.models import Association
from solidaire.core.models import TimeStampedModel


class CharterVersion(TimeStampedModel):
    number = models.PositiveSmallIntegerField("version", unique=True)
    title = models.CharField("titre", max_length=200, default="Charte « Le Mans Solidaire »")
    adopted_on = models.DateField("adoptée le")
    changes_summary = models.TextField("résumé des changements", blank=True)
    is_current = models.BooleanField("version en vigueur", default=False)

    class Meta:
        verbose_name = "version de la charte"
        verbose_name_plural = "versions de la charte"
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["is_current"], condition=Q(is_current=True),
                                    name="%(app_label)s_%(class)s_one_current"),
        ]

    def __str__(self) -> str:
        return f"{self.title} — version {self.number}"


class SignatureStatus(models.TextChoices):
    REQUESTED = "requested", "Demandée"
    SIGNED = "signed", "Signée"
    WITHDRAWN = "withdrawn", "Retirée"


class Signature(TimeStampedModel):
    """A structure's signature of one version of the charter."""

    association = models.ForeignKey(Association, on_delete=models.PROTECT,
                                    related_name="signatures", verbose_name="structure")
    version = models.ForeignKey(CharterVersion, on_delete=models.PROTECT,
                                related_name="signatures", verbose_name="version")
    status = models.CharField("statut", max_length=12, choices=SignatureStatus,
                              default=SignatureStatus.REQUESTED)
    signed_on = models.DateField("signée le", null=True, blank=True)
    representative_name = models.CharField("représentant·e", max_length=150)
    representative_role = models.CharField("fonction", max_length=150, blank=True)

    class Meta:
        verbose_name = "signature"
        verbose_name_plural = "signatures"
        ordering = ["association__name"]
        constraints = [
            models.UniqueConstraint(fields=["association", "version"],
                                    name="%(app_label)s_%(class)s_once_per_version"),
            models.CheckConstraint(condition=~Q(status="signed") | Q(signed_on__isnull=False),
                                   name="%(app_label)s_%(class)s_signed_has_date"),
        ]

    def __str__(self) -> str:
        return f"{self.association} — v{self.version.number} ({self.get_status_display()})"
