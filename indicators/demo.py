"""Demo indicators: the charter's core list, campaigns 2021–2026 and plausible sheets.

Deterministic (seeded per structure and year) and idempotent: a second run changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from associations.structures.models import Association

from .models import (
    Breakdown,
    BreakdownCategory,
    Campaign,
    CampaignIndicator,
    IndicatorDefinition,
    Sheet,
    SheetStatus,
    SheetValue,
    ValidationRule,
)
from .selectors import EXPECTED_KINDS

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


def _profile(rng: random.Random) -> dict[str, float]:
    """A structure's own shape (size and ratios), stable from one year to the next."""
    return {
        "personnes": rng.randint(80, 400) * rng.uniform(0.5, 3),
        "accueils": rng.uniform(1.1, 2),
        "passages": rng.uniform(3, 9),
        "contacts": rng.uniform(0.5, 2.5),
        "sans_domicile": rng.uniform(0.05, 0.25),
        "familles_monoparentales": rng.uniform(0.1, 0.3),
        "demandeurs_asile": rng.uniform(0.02, 0.15),
        "repas": rng.uniform(5, 30),
        "ateliers_linguistiques": rng.randint(0, 120),
        "illettrisme": rng.randint(0, 40),
        "aides_secours": rng.randint(10, 200),
        "hygiene": rng.randint(0, 600),
        "soins": rng.randint(0, 150),
        "salaries": rng.randint(1, 12) / 2,
        "benevoles": rng.randint(8, 90),
        "aide_moyenne": rng.randint(30, 90),
        "heures": rng.randint(60, 220),
    }


def _values(rng: random.Random, profile: dict[str, float], growth: float) -> dict[str, Decimal]:
    def noisy(value: float) -> int:
        return int(value * rng.uniform(0.9, 1.1))

    personnes = noisy(profile["personnes"] * growth)
    values = {"personnes": personnes, "salaries": profile["salaries"]}
    for code in (
        "accueils",
        "passages",
        "contacts",
        "sans_domicile",
        "familles_monoparentales",
        "demandeurs_asile",
        "repas",
    ):
        values[code] = noisy(personnes * profile[code])
    for code in ("ateliers_linguistiques", "illettrisme", "aides_secours", "hygiene", "soins", "benevoles"):
        values[code] = noisy(profile[code] * growth)
    values["benevoles"] = max(values["benevoles"], 1)
    values["montant_aides"] = values["aides_secours"] * profile["aide_moyenne"]
    values["heures_benevolat"] = noisy(values["benevoles"] * profile["heures"])
    return {k: Decimal(str(v)) for k, v in values.items()}


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    weights = [rng.uniform(0.5, 2) for _ in range(parts)]
    shares = [int(total * w / sum(weights)) for w in weights]
    shares[-1] += total - sum(shares)
    return shares


def _fill(sheet: Sheet, indicators, rng: random.Random, profile, growth: float) -> None:
    values = _values(rng, profile, growth)
    rows = []
    for code, value in values.items():
        rows.append(SheetValue(sheet=sheet, indicator=indicators[code], value=value))
    typologie = indicators["typologie"]
    categories = list(typologie.breakdown.categories.order_by("order"))
    for category, share in zip(
        categories, _split(rng, int(values["personnes"]), len(categories)), strict=True
    ):
        rows.append(SheetValue(sheet=sheet, indicator=typologie, category=category, value=share))
    if values["salaries"]:
        rows.append(
            SheetValue(
                sheet=sheet,
                indicator=indicators["ratio_benevoles_salaries"],
                value=(values["benevoles"] / values["salaries"]).quantize(Decimal("0.0001")),
            )
        )
    rows.append(
        SheetValue(
            sheet=sheet,
            indicator=indicators["heures_par_benevole"],
            value=(values["heures_benevolat"] / values["benevoles"]).quantize(Decimal("0.0001")),
        )
    )
    SheetValue.objects.bulk_create(rows)


def load(*, stdout) -> None:
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
    campaigns = _campaigns(indicators)
    associations = list(Association.objects.filter(kind__in=EXPECTED_KINDS).order_by("slug"))
    created = 0
    for association in associations:
        profile = _profile(random.Random(f"profile-{association.slug}"))  # noqa: S311 - demo
        for campaign in campaigns:
            if campaign.year == OPEN_YEAR:
                continue  # the open campaign starts empty: members fill it in the demo
            if Sheet.objects.filter(association=association, campaign=campaign).exists():
                continue
            rng = random.Random(f"{association.slug}-{campaign.year}")  # noqa: S311
            moment = timezone.make_aware(dt.datetime(campaign.year + 1, 1, 20, 10, 0))
            sheet = Sheet.objects.create(
                association=association,
                campaign=campaign,
                status=SheetStatus.VALIDATED,
                submitted_at=moment,
                validated_at=moment + dt.timedelta(days=5),
            )
            _fill(sheet, indicators, rng, profile, 1 + 0.04 * (campaign.year - 2021))
            created += 1
    stdout.write(
        f"Indicateurs : {len(indicators)} indicateurs, {len(campaigns)} campagnes, {created} fiches créées."
    )
