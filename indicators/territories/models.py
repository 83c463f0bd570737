"""Territories (quartiers of Le Mans, IRIS zones) with an optional GeoJSON contour, and the
reference indicators staff import for them (population, poverty rate…), each with its source,
year and licence."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from associations.structures.taxonomy import Quartier
from solidaire.core.db import TimeStampedModel, actor_field


class TerritoryKind(models.TextChoices):
    QUARTIER = "quartier", "Quartier"
    IRIS = "iris", "IRIS (INSEE)"


class ReferenceIndicator(models.TextChoices):
    """The socio-economic indicators the observatoire knows how to read."""

    POPULATION = "population", "Population"
    POVERTY_RATE = "taux_pauvrete", "Taux de pauvreté (%)"
    MINIMUM_INCOME = "part_minima_sociaux", "Ménages allocataires de minima sociaux (%)"
    UNEMPLOYMENT = "taux_chomage", "Taux de chômage (%)"
    SINGLE_PARENT = "familles_monoparentales", "Familles monoparentales (%)"


class Territory(TimeStampedModel):
    code = models.SlugField(
        "code",
        max_length=30,
        unique=True,
        help_text="Pour un quartier, le code du quartier de l'annuaire (ex. « sablons ») ; "
        "pour un IRIS, son code INSEE à 9 chiffres.",
    )
    name = models.CharField("nom", max_length=150)
    kind = models.CharField("type", max_length=10, choices=TerritoryKind, default=TerritoryKind.QUARTIER)
    quartier = models.CharField(
        "quartier de l'annuaire",
        max_length=30,
        choices=Quartier,
        blank=True,
        help_text="Le quartier auquel l'activité des structures est rattachée.",
    )
    contour = models.JSONField("contour (géométrie GeoJSON)", null=True, blank=True)

    class Meta:
        verbose_name = "territoire"
        verbose_name_plural = "territoires"
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="quartier") | ~Q(quartier=""),
                name="%(app_label)s_%(class)s_quartier_has_quartier",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ReferenceValue(TimeStampedModel):
    territory = models.ForeignKey(
        Territory, on_delete=models.CASCADE, related_name="reference_values", verbose_name="territoire"
    )
    indicator = models.CharField("indicateur", max_length=30, choices=ReferenceIndicator)
    year = models.PositiveSmallIntegerField("année")
    value = models.DecimalField("valeur", max_digits=14, decimal_places=4)
    source = models.CharField("source", max_length=200)
    licence = models.CharField("licence", max_length=120)
    is_demo = models.BooleanField(
        "valeur de démonstration", default=False, help_text="Pas une statistique réelle."
    )
    imported_by = actor_field("importée par")

    class Meta:
        verbose_name = "indicateur de référence"
        verbose_name_plural = "indicateurs de référence"
        ordering = ["territory", "indicator", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "indicator", "year"], name="%(app_label)s_%(class)s_one_per_year"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="%(app_label)s_%(class)s_non_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.territory} — {self.get_indicator_display()} {self.year}"
