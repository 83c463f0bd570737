"""Factories and a small ready-made catalogue for the indicators tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from indicators.catalogue.models import (
    Breakdown,
    BreakdownCategory,
    Campaign,
    CampaignIndicator,
    IndicatorDefinition,
    ValidationRule,
)
from indicators.sheets.models import Sheet, SheetValue
from tests.factories import AssociationFactory


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorDefinition
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"indicateur_{n}")
    label = factory.Sequence(lambda n: f"Indicateur {n}")
    family = "activite"
    unit = "personnes"
    value_type = "integer"


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign
        django_get_or_create = ("year",)

    year = 2026
    opens_on = dt.date(2026, 10, 1)
    closes_on = dt.date(2027, 1, 31)


class SheetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sheet

    association = factory.SubFactory(AssociationFactory)
    campaign = factory.SubFactory(CampaignFactory)


def build_catalogue(campaign: Campaign) -> dict[str, IndicatorDefinition]:
    """personnes, passages, typologie (sex breakdown), salaries, benevoles, the computed ratio,
    aides/montant; with the three kinds of rules."""
    breakdown, _ = Breakdown.objects.get_or_create(code="sexe", defaults={"label": "Sexe"})
    for order, (code, label) in enumerate([("f", "Femmes"), ("h", "Hommes")]):
        BreakdownCategory.objects.get_or_create(
            breakdown=breakdown, code=code, defaults={"label": label, "order": order}
        )
    specs = {
        "personnes": {"label": "Personnes accueillies", "family": "publics"},
        "passages": {"label": "Nombre de passages"},
        "typologie": {"label": "Typologie du public", "family": "publics", "breakdown": breakdown},
        "salaries": {
            "label": "Salariés (ETP)",
            "family": "structure",
            "value_type": "decimal",
            "unit": "etp",
        },
        "benevoles": {"label": "Bénévoles", "family": "structure"},
        "ratio_benevoles_salaries": {
            "label": "Rapport bénévoles / salariés",
            "family": "structure",
            "unit": "ratio",
            "formula": "ratio(benevoles, salaries)",
        },
        "aides": {"label": "Aides accordées", "family": "prestations", "unit": "aides"},
        "montant_aides": {
            "label": "Montant des aides",
            "family": "prestations",
            "unit": "euros",
            "value_type": "decimal",
        },
    }
    indicators = {}
    for order, (code, extra) in enumerate(specs.items()):
        indicators[code] = IndicatorFactory(code=code, order=order, **extra)
        CampaignIndicator.objects.get_or_create(
            campaign=campaign, indicator=indicators[code], defaults={"order": order}
        )
    rules = [
        (
            "passages ≥ personnes",
            "passages",
            "gte",
            "personnes",
            "error",
            "Il y a moins de passages que de personnes accueillies.",
        ),
        (
            "typologie = personnes",
            "typologie",
            "breakdown",
            "personnes",
            "error",
            "La typologie ne totalise pas le nombre de personnes accueillies.",
        ),
        (
            "aides et montant",
            "aides",
            "both",
            "montant_aides",
            "error",
            "Renseignez le nombre d'aides et leur montant, ou aucun des deux.",
        ),
    ]
    for name, left, op, right, severity, message in rules:
        ValidationRule.objects.get_or_create(
            name=name,
            defaults={"left": left, "operator": op, "right": right, "severity": severity, "message": message},
        )
    return indicators


def add_values(sheet: Sheet, indicators, **values) -> None:
    """add_values(sheet, ind, personnes=10, typologie__f=4)."""
    for key, value in values.items():
        code, _, cat = key.partition("__")
        indicator = indicators[code]
        category = indicator.breakdown.categories.get(code=cat) if cat else None
        SheetValue.objects.create(sheet=sheet, indicator=indicator, category=category, value=Decimal(value))


def pdf_bytes(pages: int = 1) -> bytes:
    """A small but real PDF (the activity report is parsed, not only sniffed)."""
    from io import BytesIO

    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
