"""The catalogue of the shared annual indicators (the charter's chapter 3).

Indicator definitions (family, unit, value type, breakdown and its categories, optional
formula), one campaign per year asking a subset of them (a fixed core plus an optional themed
block, as SENACS does), and the validation rules written by staff as data. The answers (sheets
and their values) live in `indicators.sheets.models`.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from solidaire.core.db import TimeStampedModel
from solidaire.core.text.french import label_with_detail

# Anything above this is a typing slip, whatever the indicator (10^12 must be refused).
ABSOLUTE_MAX = Decimal("1000000000")


class Family(models.TextChoices):
    ACTIVITE = "activite", "Activité générale"
    PUBLICS = "publics", "Publics"
    PRESTATIONS = "prestations", "Prestations"
    STRUCTURE = "structure", "Structure"


class Unit(models.TextChoices):
    PERSONNES = "personnes", "personnes"
    PASSAGES = "passages", "passages"
    CONTACTS = "contacts", "contacts"
    ACCUEILS = "accueils", "accueils"
    REPAS = "repas", "repas"
    SEANCES = "seances", "séances"
    AIDES = "aides", "aides"
    HEURES = "heures", "heures"
    EUROS = "euros", "euros"
    ETP = "etp", "équivalents temps plein"
    RATIO = "ratio", "ratio"
    NOMBRE = "nombre", "nombre"


class ValueType(models.TextChoices):
    INTEGER = "integer", "Nombre entier"
    DECIMAL = "decimal", "Nombre décimal"


def indicator_decimals(*, unit: str, value_type: str, formula: str = "") -> int:
    """How many decimals an indicator is read with, on the sheet, its « l'an passé » hint and in
    the exports: amounts in cents, FTEs in hundredths (0,75 ETP), typed whole numbers without
    any, other decimals and every computed figure (ratios, averages) with one (« 24,3 »)."""
    if unit in (Unit.EUROS, Unit.ETP):
        return 2
    if value_type == ValueType.INTEGER and not formula:
        return 0
    return 1


class Breakdown(models.Model):
    """A way to split a total, e.g. sex × age band. Its categories are flat rows so that a
    value is (indicator, category) and stays a simple filter in SQL."""

    code = models.SlugField("code", max_length=50, unique=True)
    label = models.CharField("libellé", max_length=150)

    class Meta:
        verbose_name = "ventilation"
        verbose_name_plural = "ventilations"
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label


class BreakdownCategory(models.Model):
    breakdown = models.ForeignKey(
        Breakdown, on_delete=models.CASCADE, related_name="categories", verbose_name="ventilation"
    )
    code = models.SlugField("code", max_length=50)
    label = models.CharField("libellé", max_length=150)
    order = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "catégorie de ventilation"
        verbose_name_plural = "catégories de ventilation"
        ordering = ["breakdown", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["breakdown", "code"], name="%(app_label)s_%(class)s_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.breakdown.label} : {self.label}"


class IndicatorDefinition(TimeStampedModel):
    """One indicator of the catalogue. With a formula it is computed, never typed."""

    code = models.SlugField(
        "code",
        max_length=60,
        unique=True,
        help_text="Identifiant stable utilisé dans les formules et les exports "
        "(lettres minuscules, chiffres, « _ »).",
    )
    label = models.CharField("libellé", max_length=200)
    help_text = models.TextField("aide", blank=True)
    family = models.CharField("famille", max_length=20, choices=Family)
    unit = models.CharField("unité", max_length=20, choices=Unit, default=Unit.NOMBRE)
    value_type = models.CharField(
        "type de valeur", max_length=10, choices=ValueType, default=ValueType.INTEGER
    )
    min_value = models.DecimalField("minimum", max_digits=14, decimal_places=2, null=True, blank=True)
    max_value = models.DecimalField("maximum", max_digits=14, decimal_places=2, null=True, blank=True)
    breakdown = models.ForeignKey(
        Breakdown,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name="ventilation",
    )
    formula = models.CharField(
        "formule",
        max_length=300,
        blank=True,
        help_text="Pour un indicateur calculé : opérations + − × ÷ sur les codes d'autres "
        "indicateurs, et les fonctions ratio(a, b), sum(a, b, …), min, max. "
        "Exemple : ratio(benevoles, salaries).",
    )
    is_active = models.BooleanField(
        "proposé aux nouvelles campagnes",
        default=True,
        help_text="Décocher pour retirer l'indicateur : il reste visible dans les fiches passées.",
    )
    order = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "indicateur"
        verbose_name_plural = "indicateurs"
        ordering = ["family", "order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_value__isnull=True)
                | Q(max_value__isnull=True)
                | Q(min_value__lte=models.F("max_value")),
                name="%(app_label)s_%(class)s_min_lte_max",
            ),
        ]

    def __str__(self) -> str:
        return label_with_detail(self.label, self.code)  # « Nombre d'accueils », not « … (accueils) »

    @property
    def is_computed(self) -> bool:
        return bool(self.formula)

    @property
    def decimals(self) -> int:
        return indicator_decimals(unit=self.unit, value_type=self.value_type, formula=self.formula)

    @property
    def is_amount(self) -> bool:
        """Shown with « € » (and its cents)."""
        return self.unit == Unit.EUROS

    def clean(self):
        from django.core.exceptions import ValidationError

        from .formulas import FormulaError, formula_codes

        if self.formula:
            try:
                codes = formula_codes(self.formula)
            except FormulaError as exc:
                raise ValidationError({"formula": str(exc)}) from exc
            if self.code in codes:
                raise ValidationError({"formula": "Une formule ne peut pas se citer elle-même."})
            unknown = unknown_indicator_codes(codes)
            if unknown:
                raise ValidationError({"formula": f"Code(s) inconnu(s) : {unknown}."})
            if self.breakdown_id:
                raise ValidationError({"breakdown": "Un indicateur calculé n'a pas de ventilation."})


def unknown_indicator_codes(codes: set[str]) -> str:
    known = set(IndicatorDefinition.objects.filter(code__in=codes).values_list("code", flat=True))
    return ", ".join(sorted(codes - known))


class Campaign(TimeStampedModel):
    """The data set of one year (DHIS2's period): which indicators, open between two dates."""

    year = models.PositiveSmallIntegerField("année", unique=True)
    opens_on = models.DateField("ouverture")
    closes_on = models.DateField("clôture")
    theme_title = models.CharField("bloc thématique de l'année", max_length=200, blank=True)
    outlier_factor = models.DecimalField(
        "facteur d'écart avec l'an passé",
        max_digits=5,
        decimal_places=2,
        default=Decimal("3"),
        validators=[MinValueValidator(Decimal("1.01"))],
        help_text="Une valeur plus de N fois supérieure (ou inférieure) à celle de l'année "
        "précédente déclenche un avertissement.",
    )
    indicators = models.ManyToManyField(
        IndicatorDefinition, through="CampaignIndicator", related_name="campaigns", verbose_name="indicateurs"
    )

    class Meta:
        verbose_name = "campagne"
        verbose_name_plural = "campagnes"
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_on__lte=models.F("closes_on")),
                name="%(app_label)s_%(class)s_opens_before_closing",
            ),
            models.CheckConstraint(
                condition=Q(outlier_factor__gt=1), name="%(app_label)s_%(class)s_outlier_factor_gt_1"
            ),
        ]

    def __str__(self) -> str:
        return f"Campagne {self.year}"


class CampaignIndicator(models.Model):
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="items", verbose_name="campagne"
    )
    indicator = models.ForeignKey(
        IndicatorDefinition,
        on_delete=models.PROTECT,
        related_name="campaign_items",
        verbose_name="indicateur",
    )
    order = models.PositiveSmallIntegerField("ordre", default=0)
    is_themed = models.BooleanField("bloc thématique", default=False)
    is_required = models.BooleanField("obligatoire", default=False)

    class Meta:
        verbose_name = "indicateur de la campagne"
        verbose_name_plural = "indicateurs de la campagne"
        ordering = ["campaign", "is_themed", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "indicator"], name="%(app_label)s_%(class)s_once_per_campaign"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} — {self.indicator.code}"


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
