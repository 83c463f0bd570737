"""Sheets: one structure's answers to one campaign, their values in long format (one row per
indicator and breakdown category, so that exports and medians are plain queries), the activity
report and the audit trail."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from associations.structures.models import Association
from indicators.catalogue.models import BreakdownCategory, Campaign, IndicatorDefinition
from solidaire.core.db import TimeStampedModel, actor_field
from solidaire.core.security.storage import private_storage


class SheetStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    SUBMITTED = "submitted", "Transmise"
    RETURNED = "returned", "Renvoyée pour correction"
    VALIDATED = "validated", "Validée"


# A sheet the structure has answered: transmitted, or already validated by the CCAS (one rule
# for the late counter, the reminders, the follow-up's figures and the model's predicate).
ANSWERED_STATUSES = (SheetStatus.SUBMITTED, SheetStatus.VALIDATED)

NOT_STARTED, NOT_STARTED_LABEL = "none", "Non commencée"


def report_upload_to(instance: Sheet, filename: str) -> str:
    return f"indicateurs/{instance.campaign.year}/{instance.association.slug}/rapport-activite.pdf"


class Sheet(TimeStampedModel):
    """One structure's answers to one campaign."""

    association = models.ForeignKey(
        Association, on_delete=models.PROTECT, related_name="sheets", verbose_name="structure"
    )
    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="sheets", verbose_name="campagne"
    )
    status = models.CharField("statut", max_length=12, choices=SheetStatus, default=SheetStatus.DRAFT)
    # Optimistic locking: every write bumps it; a save based on an older version is refused.
    version = models.PositiveIntegerField("version", default=1)
    updated_by = actor_field("modifiée par")
    submitted_at = models.DateTimeField("transmise le", null=True, blank=True)
    submitted_by = actor_field("transmise par")
    validated_at = models.DateTimeField("validée le", null=True, blank=True)
    validated_by = actor_field("validée par")
    staff_comment = models.TextField("commentaire du CCAS", blank=True)
    # Set when staff return or reopen a sheet after the closing date: a grace period.
    extended_until = models.DateField("délai accordé jusqu'au", null=True, blank=True)
    activity_report = models.FileField(
        "rapport d'activité (PDF)",
        upload_to=report_upload_to,
        # Private: a predictable path under MEDIA_ROOT would be public wherever /media/ is served.
        storage=private_storage,
        blank=True,
        max_length=300,
    )

    class Meta:
        verbose_name = "fiche d'indicateurs"
        verbose_name_plural = "fiches d'indicateurs"
        ordering = ["-campaign__year", "association__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "campaign"], name="%(app_label)s_%(class)s_one_per_campaign"
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1), name="%(app_label)s_%(class)s_version_positive"
            ),
            models.CheckConstraint(
                condition=~Q(status="validated") | Q(validated_at__isnull=False),
                name="%(app_label)s_%(class)s_validated_has_date",
            ),
        ]
        indexes = [models.Index(fields=["campaign", "status"], name="indicators_sheet_status_idx")]

    def __str__(self) -> str:
        return f"{self.association} — {self.campaign.year}"

    @property
    def deadline(self):
        closes = self.campaign.closes_on
        return max(closes, self.extended_until) if self.extended_until else closes

    # One source of truth for what a sheet is, read by its badge and its status line: a sheet
    # not yet in the database is « Non commencée », whatever its default status says.
    @property
    def is_started(self) -> bool:
        return self.pk is not None

    @property
    def is_with_ccas(self) -> bool:
        """Transmitted or validated: the structure no longer edits it."""
        return self.status in ANSWERED_STATUSES

    @property
    def is_submitted(self) -> bool:
        """Transmitted, waiting for the CCAS's decision."""
        return self.status == SheetStatus.SUBMITTED

    @property
    def is_validated(self) -> bool:
        return self.status == SheetStatus.VALIDATED

    @property
    def is_returned(self) -> bool:
        return self.status == SheetStatus.RETURNED

    @property
    def state(self) -> str:
        """`none` (not started) or the status value: the badge's CSS class."""
        return self.status if self.is_started else NOT_STARTED

    @property
    def state_label(self) -> str:
        """The badge's words: « Non commencée », « Brouillon », « Transmise »…"""
        return self.get_status_display() if self.is_started else NOT_STARTED_LABEL


class SheetValue(models.Model):
    """One number of a sheet (long format). category is null for the indicator's total."""

    sheet = models.ForeignKey(Sheet, on_delete=models.CASCADE, related_name="values", verbose_name="fiche")
    indicator = models.ForeignKey(
        IndicatorDefinition, on_delete=models.PROTECT, related_name="values", verbose_name="indicateur"
    )
    category = models.ForeignKey(
        BreakdownCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="values",
        verbose_name="catégorie",
    )
    value = models.DecimalField("valeur", max_digits=16, decimal_places=4)

    class Meta:
        verbose_name = "valeur"
        verbose_name_plural = "valeurs"
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "indicator", "category"], name="%(app_label)s_%(class)s_unique_category"
            ),
            models.UniqueConstraint(
                fields=["sheet", "indicator"],
                condition=Q(category__isnull=True),
                name="%(app_label)s_%(class)s_unique_total",
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="%(app_label)s_%(class)s_non_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} = {self.value}"


class AuditAction(models.TextChoices):
    VALUE = "value", "Valeur modifiée"
    SUBMIT = "submit", "Transmission"
    RETURN = "return", "Renvoi pour correction"
    VALIDATE = "validate", "Validation"
    REOPEN = "reopen", "Réouverture"
    REPORT = "report", "Rapport d'activité déposé"


class SheetAudit(models.Model):
    """Who changed what and when (old → new value), written by the services only."""

    sheet = models.ForeignKey(Sheet, on_delete=models.CASCADE, related_name="audit", verbose_name="fiche")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="par"
    )
    created_at = models.DateTimeField("le", auto_now_add=True)
    action = models.CharField("action", max_length=10, choices=AuditAction)
    indicator = models.ForeignKey(
        IndicatorDefinition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="indicateur",
    )
    category = models.ForeignKey(
        BreakdownCategory,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="catégorie",
    )
    old_value = models.DecimalField("ancienne valeur", max_digits=16, decimal_places=4, null=True, blank=True)
    new_value = models.DecimalField("nouvelle valeur", max_digits=16, decimal_places=4, null=True, blank=True)
    comment = models.TextField("commentaire", blank=True)

    class Meta:
        verbose_name = "historique de fiche"
        verbose_name_plural = "historique des fiches"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.sheet} — {self.get_action_display()}"


class CampaignContact(TimeStampedModel):
    """The person a structure's admin names to receive the campaign's e-mails (reminders, sheet
    returned): without one, every approved member receives them, else the structure's address."""

    association = models.OneToOneField(
        Association, on_delete=models.CASCADE, related_name="campaign_contact", verbose_name="structure"
    )
    name = models.CharField("nom", max_length=150, blank=True)
    email = models.EmailField("e-mail")
    named_by = actor_field("désigné·e par")

    class Meta:
        verbose_name = "destinataire des e-mails de campagne"
        verbose_name_plural = "destinataires des e-mails de campagne"

    def __str__(self) -> str:
        return f"{self.association} : {self.name or self.email}"
