"""Demo catalogue: the charter's core list of indicators, its validation rules and the
campaigns 2021–2026 (the last one open). Idempotent: a second run changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .models import (
    Breakdown,
    BreakdownCategory,
    Campaign,
    CampaignIndicator,
    IndicatorDefinition,
    ValidationRule,
)

SEXES = [("f", "Femmes"), ("h", "Hommes")]
AGES = [("0-17", "moins de 18 ans"), ("18-25", "18–25 ans"), ("26-59", "26–59 ans"), ("60", "60 ans et plus")]

# code, label, family, unit, help, breakdown?, formula
CATALOGUE = [
    (
        "accueils",
        "Nombre d'accueils",
        "activite",
        "accueils",
        "Entretiens ou accueils individuels réalisés dans l'année.",
        False,
        "",
    ),
    (
        "passages",
        "Nombre de passages",
        "activite",
        "passages",
        "Toutes les venues, y compris répétées d'une même personne.",
        False,
        "",
    ),
    (
        "contacts",
        "Nombre de contacts",
        "activite",
        "contacts",
        "Appels, courriels, contacts hors les murs.",
        False,
        "",
    ),
    (
        "personnes",
        "Personnes différentes accueillies",
        "publics",
        "personnes",
        "Chaque personne comptée une fois dans l'année.",
        False,
        "",
    ),
    (
        "typologie",
        "Typologie du public (sexe × âge)",
        "publics",
        "personnes",
        "Répartition des personnes accueillies : le total doit égaler les personnes accueillies.",
        True,
        "",
    ),
    ("sans_domicile", "Dont personnes sans domicile stable", "publics", "personnes", "", False, ""),
    ("familles_monoparentales", "Dont familles monoparentales", "publics", "personnes", "", False, ""),
    ("demandeurs_asile", "Dont demandeurs d'asile et réfugiés", "publics", "personnes", "", False, ""),
    ("ateliers_linguistiques", "Séances d'ateliers linguistiques", "prestations", "seances", "", False, ""),
    ("illettrisme", "Personnes accompagnées (illettrisme)", "prestations", "personnes", "", False, ""),
    ("repas", "Repas servis ou colis distribués", "prestations", "repas", "", False, ""),
    ("aides_secours", "Aides et secours accordés", "prestations", "aides", "", False, ""),
    ("montant_aides", "Montant des aides financières", "prestations", "euros", "", False, ""),
    ("hygiene", "Prestations d'hygiène (douches, laverie)", "prestations", "nombre", "", False, ""),
    ("soins", "Consultations ou actes de soins", "prestations", "nombre", "", False, ""),
    ("salaries", "Salariés (équivalents temps plein)", "structure", "etp", "", False, ""),
    ("benevoles", "Bénévoles actifs", "structure", "personnes", "", False, ""),
    ("heures_benevolat", "Heures de bénévolat", "structure", "heures", "", False, ""),
    (
        "ratio_benevoles_salaries",
        "Rapport bénévoles / salariés",
        "structure",
        "ratio",
        "Calculé : bénévoles actifs divisés par les salariés (ETP).",
        False,
        "ratio(benevoles, salaries)",
    ),
    (
        "heures_par_benevole",
        "Heures de bénévolat par bénévole",
        "structure",
        "heures",
        "Calculé : heures de bénévolat divisées par les bénévoles actifs.",
        False,
        "ratio(heures_benevolat, benevoles)",
    ),
    # Themed block of 2026 (SENACS-style): numeric inclusion.
    (
        "ateliers_numeriques",
        "Séances d'accompagnement numérique",
        "prestations",
        "seances",
        "Bloc thématique 2026 : inclusion numérique.",
        False,
        "",
    ),
]
DECIMAL_CODES = {"salaries", "montant_aides"}
RULES = [
    (
        "Passages ≥ personnes",
        "passages",
        "gte",
        "personnes",
        "error",
        "Le nombre de passages ne peut pas être inférieur au nombre de personnes accueillies.",
    ),
    (
        "Typologie = personnes",
        "typologie",
        "breakdown",
        "personnes",
        "error",
        "La typologie du public (sexe × âge) doit totaliser le nombre de personnes accueillies.",
    ),
    (
        "Aides : nombre et montant",
        "aides_secours",
        "both",
        "montant_aides",
        "error",
        "Renseignez à la fois le nombre d'aides accordées et leur montant (ou aucun des deux).",
    ),
    (
        "Dont SDF ≤ personnes",
        "sans_domicile",
        "lte",
        "personnes",
        "error",
        "Les personnes sans domicile ne peuvent pas dépasser le total des personnes accueillies.",
    ),
    (
        "Heures par bénévole plausibles",
        "heures_par_benevole",
        "lte",
        "1600",
        "warning",
        "Plus de 1 600 heures par bénévole dans l'année : vérifiez les heures de bénévolat.",
    ),
]
YEARS = range(2021, 2027)
OPEN_YEAR = 2026


def _catalogue() -> dict[str, IndicatorDefinition]:
    breakdown, _ = Breakdown.objects.get_or_create(
        code="sexe-age", defaults={"label": "Sexe × tranche d'âge"}
    )
    order = 0
    for s_code, s_label in SEXES:
        for a_code, a_label in AGES:
            order += 1
            BreakdownCategory.objects.get_or_create(
                breakdown=breakdown,
                code=f"{s_code}-{a_code}",
                defaults={"label": f"{s_label}, {a_label}", "order": order},
            )
    indicators = {}
    for order, (code, label, family, unit, help_text, broken, formula) in enumerate(CATALOGUE):
        indicators[code], _ = IndicatorDefinition.objects.get_or_create(
            code=code,
            defaults={
                "label": label,
                "family": family,
                "unit": unit,
                "help_text": help_text,
                "value_type": "decimal" if code in DECIMAL_CODES else "integer",
                "breakdown": breakdown if broken else None,
                "formula": formula,
                "order": order,
                "max_value": Decimal("100000") if code == "salaries" else None,
            },
        )
    return indicators


def _campaigns(indicators) -> list[Campaign]:
    campaigns = []
    for year in YEARS:
        campaign, _ = Campaign.objects.get_or_create(
            year=year,
            defaults={
                "opens_on": dt.date(year, 10, 1),
                "closes_on": dt.date(year + 1, 1, 31),
                "theme_title": "Inclusion numérique" if year == OPEN_YEAR else "",
            },
        )
        for order, code in enumerate(indicators):
            if code == "ateliers_numeriques" and year != OPEN_YEAR:
                continue
            CampaignIndicator.objects.get_or_create(
                campaign=campaign,
                indicator=indicators[code],
                defaults={
                    "order": order,
                    "is_themed": code == "ateliers_numeriques",
                    "is_required": code in {"personnes", "passages"},
                },
            )
        campaigns.append(campaign)
    return campaigns


def load() -> tuple[dict[str, IndicatorDefinition], list[Campaign]]:
    """The catalogue, the rules and the campaigns; returns the indicators by code and the campaigns."""
    indicators = _catalogue()
    for name, left, operator, right, severity, message in RULES:
        ValidationRule.objects.get_or_create(
            name=name,
            defaults={
                "left": left,
                "operator": operator,
                "right": right,
                "severity": severity,
                "message": message,
            },
        )
    return indicators, _campaigns(indicators)
