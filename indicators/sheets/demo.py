"""Demo sheets: plausible validated sheets for every expected structure and past campaign (the
open campaign starts empty: members fill it in the demo). Deterministic (seeded per structure
and year) and idempotent: a second run changes nothing."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from associations.structures.models import Association
from indicators.catalogue.demo import OPEN_YEAR
from indicators.catalogue.models import Campaign, IndicatorDefinition

from .models import Sheet, SheetStatus, SheetValue
from .selectors import EXPECTED_KINDS


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


def load(*, indicators: dict[str, IndicatorDefinition], campaigns: list[Campaign]) -> int:
    """A validated sheet per expected structure and past campaign; returns how many were created."""
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
    return created
