"""Sheets: one structure's answers to one campaign, their values in long format, the rules they
are checked against, their audit trail and the reminders sent about them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from associations.structures.models import Association
from solidaire.core.models import TimeStampedModel, actor_field
from solidaire.core.storage import private_storage

from .models import BreakdownCategory, Campaign, IndicatorDefinition, unknown_indicator_codes


class SheetStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    SUBMITTED = "submitted", "Transmise"
    RETURNED = "returned", "Renvoyée pour correction"
    VALIDATED = "validated", "Validée"


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


class RuleOperator(models.TextChoices):
    GTE = "gte", "≥ (supérieur ou égal)"
    LTE = "lte", "≤ (inférieur ou égal)"
    EQ = "eq", "= (égal)"
    BOTH_OR_NEITHER = "both", "les deux ou aucun"
    BREAKDOWN_TOTAL = "breakdown", "somme de la ventilation = total"


class Severity(models.TextChoices):
    ERROR = "error", "Erreur bloquante"
    WARNING = "warning", "Avertissement à confirmer"


class ValidationRule(TimeStampedModel):
    """A check written by staff: `left operator right`, with the message shown when it fails."""

    name = models.CharField("nom", max_length=150)
    left = models.CharField(
        "expression de gauche",
        max_length=300,
        help_text="Un code d'indicateur ou une formule. Pour « somme de la "
        "ventilation », le code de l'indicateur ventilé.",
    )
    operator = models.CharField("opérateur", max_length=12, choices=RuleOperator)
    right = models.CharField(
        "expression de droite", max_length=300, help_text="Un code, une formule ou un nombre."
    )
    message = models.CharField("message affiché", max_length=300)
    severity = models.CharField("gravité", max_length=10, choices=Severity, default=Severity.ERROR)
    is_active = models.BooleanField("active", default=True)

    class Meta:
        verbose_name = "règle de contrôle"
        verbose_name_plural = "règles de contrôle"
        ordering = ["severity", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        from .formulas import FormulaError, formula_codes

        errors = {}
        for field in ("left", "right"):
            try:
                unknown = unknown_indicator_codes(formula_codes(getattr(self, field)))
            except FormulaError as exc:
                errors[field] = str(exc)
            else:
                if unknown:
                    errors[field] = f"Code(s) inconnu(s) : {unknown}."
        if errors:
            raise ValidationError(errors)


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
