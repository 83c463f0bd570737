"""Demo congress: the 1st edition (2019), the 2nd (2024, from the invitation letter, over, with
its cahier des propositions) and a next one with registration open."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from django.utils import timezone

from solidaire.core.db import sync_or_create

from .editions.models import CongressDay, CongressEdition, Session, SessionKind, Theme
from .proposals.models import Proposal, ProposalStatus

DATA = Path(__file__).resolve().parent / "demo_data"
PARIS = ZoneInfo("Europe/Paris")
VENUE = "Palais des Congrès et de la Culture du Mans"
ADDRESS = "Rue d'Arcole, 72000 Le Mans"
CONTACT = "congresdessolidarites@lemans.fr"

INTRO_2019 = """Le 1er Congrès national des Solidarités avait pour objectif de répondre à un besoin
d'échange transversal à propos des expériences vécues entre les divers acteurs de la solidarité
(institutions, associations, etc.), de leurs difficultés rencontrées et de leurs réussites
transposables à un autre territoire.
"""

INTRO_2024 = """Un temps d'échange sur la réalité solidaire de nos territoires : associations et
CCAS font l'état des lieux de leurs pratiques et élaborent des propositions pour les décideurs
politiques (députés, sénateurs et députés européens).

*La Solidarité ne se décrète pas, elle se construit.*
"""

OUTCOME_2024 = """Deux journées d'ateliers sur quatre thèmes ont produit un cahier de propositions,
remis aux députés, sénateurs et députés européens."""

THEMES = [
    "L'aide alimentaire et la qualité",
    "Le handicap-inclusion",
    "L'insertion",
    "L'engagement",
]
ROOMS = ["Salle Bollée", "Salle Berlioz", "Salle Jacobins", "Salle Plantagenêt"]

# (day index, start, end, kind, title, room); "ateliers" expands into one workshop per theme.
PROGRAMME = [
    (0, "09:00", "09:30", SessionKind.OTHER, "Accueil des participant·es", "Hall"),
    (
        0,
        "09:30",
        "10:45",
        SessionKind.PLENARY,
        "Ouverture : Solidarité et Transversalité, où en sommes-nous ?",
        "Auditorium",
    ),
    (0, "11:00", "12:30", "ateliers", "", ""),
    (0, "12:30", "14:00", SessionKind.LUNCH, "Déjeuner du vendredi", "Hall Nord"),
    (0, "14:00", "16:00", "ateliers", "", ""),
    (0, "16:15", "17:30", SessionKind.PLENARY, "Table ronde européenne", "Auditorium"),
    (1, "09:30", "11:30", "ateliers", "", ""),
    (1, "11:45", "12:30", SessionKind.PLENARY, "Restitution des propositions et clôture", "Auditorium"),
    (1, "12:30", "14:00", SessionKind.LUNCH, "Déjeuner du samedi", "Hall Nord"),
]

PROPOSALS_2024 = {
    "L'aide alimentaire et la qualité": [
        (
            "Des produits frais toute l'année",
            "Financer des circuits courts entre producteurs locaux et épiceries solidaires.",
        ),
        ("Un accueil digne", "Un lieu d'accueil et un choix des produits pour chaque personne aidée."),
    ],
    "Le handicap-inclusion": [
        ("Accessibilité des lieux d'aide", "Un diagnostic d'accessibilité pour chaque lieu de distribution."),
    ],
    "L'insertion": [
        ("Parcours sans rupture", "Un référent unique qui suit la personne d'une structure à l'autre."),
    ],
    "L'engagement": [
        (
            "Reconnaître le bénévolat",
            "Valoriser les compétences acquises par les bénévoles (VAE, attestations).",
        ),
    ],
}


def _first_friday_of_february(year: int) -> dt.date:
    day = dt.date(year, 2, 1)
    return day + dt.timedelta(days=(4 - day.weekday()) % 7)


def _time(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


def _programme(edition: CongressEdition, *, workshop_capacity: int, lunch_capacity: int) -> None:
    days = []
    for offset in range((edition.ends_on - edition.starts_on).days + 1):
        day, _ = sync_or_create(
            CongressDay,
            lookup={"edition": edition, "date": edition.starts_on + dt.timedelta(days=offset)},
            values={},
        )
        days.append(day)
    themes = []
    for order, title in enumerate(THEMES, start=1):
        theme, _ = sync_or_create(Theme, lookup={"edition": edition, "title": title}, values={"order": order})
        themes.append(theme)
    for day_index, start, end, kind, title, room in PROGRAMME:
        day = days[day_index]
        if kind == "ateliers":
            for theme, theme_room in zip(themes, ROOMS, strict=True):
                sync_or_create(
                    Session,
                    lookup={"day": day, "starts_at": _time(start), "theme": theme},
                    values={
                        "kind": SessionKind.WORKSHOP,
                        "title": f"Atelier « {theme.title} »",
                        "ends_at": _time(end),
                        "room": theme_room,
                        "capacity": workshop_capacity,
                    },
                )
            continue
        capacity = lunch_capacity if kind == SessionKind.LUNCH else None
        sync_or_create(
            Session,
            lookup={"day": day, "starts_at": _time(start), "title": title},
            values={"kind": kind, "ends_at": _time(end), "room": room, "capacity": capacity},
        )


def load(*, stdout) -> None:
    sync_or_create(
        CongressEdition,
        lookup={"number": 1},
        values={
            "year": 2019,
            "title": "1er Congrès national des Solidarités",
            "starts_on": dt.date(2019, 11, 15),
            "ends_on": dt.date(2019, 11, 16),
            "venue": VENUE,
            "address": ADDRESS,
            "introduction": INTRO_2019,
            "contact_email": CONTACT,
        },
    )
    edition, _ = sync_or_create(
        CongressEdition,
        lookup={"number": 2},
        values={
            "year": 2024,
            "title": "2e Congrès national des Solidarités à dimension européenne",
            "theme": "Solidarité et Transversalité : où en sommes-nous ?",
            "starts_on": dt.date(2024, 2, 2),
            "ends_on": dt.date(2024, 2, 3),
            "venue": VENUE,
            "address": ADDRESS,
            "introduction": INTRO_2024,
            "invitation": (DATA / "invitation_2024.md").read_text(encoding="utf-8"),
            "outcome": OUTCOME_2024,
            "contact_email": CONTACT,
            "capacity": 600,
            "cahier_published_at": dt.datetime(2024, 3, 15, 10, tzinfo=PARIS),
        },
    )
    _programme(edition, workshop_capacity=100, lunch_capacity=400)
    for theme in edition.themes.all():
        for title, body in PROPOSALS_2024.get(theme.title, []):
            sync_or_create(
                Proposal,
                lookup={"theme": theme, "title": title},
                values={"body": body, "status": ProposalStatus.KEPT, "author_name": "Atelier du congrès"},
            )
    # The next edition: early February next year, registration open since the 1st of January.
    this_year = timezone.localdate().year
    starts_on = _first_friday_of_february(this_year + 1)
    upcoming, _ = sync_or_create(
        CongressEdition,
        lookup={"number": 3},
        values={
            "year": this_year + 1,
            "title": "3e Congrès national des Solidarités à dimension européenne",
            "theme": "Solidarité et Transversalité : et maintenant ?",
            "starts_on": starts_on,
            "ends_on": starts_on + dt.timedelta(days=1),
            "venue": VENUE,
            "address": ADDRESS,
            "introduction": (
                "Deux journées pour suivre les propositions du 2e congrès et en élaborer de nouvelles."
            ),
            "contact_email": CONTACT,
            "capacity": 600,
            "registration_opens_at": dt.datetime(this_year, 1, 1, 9, tzinfo=PARIS),
            "registration_closes_at": dt.datetime.combine(
                starts_on - dt.timedelta(days=7), dt.time(23, 59), tzinfo=PARIS
            ),
        },
    )
    _programme(upcoming, workshop_capacity=100, lunch_capacity=400)
    stdout.write(f"Congrès : {CongressEdition.objects.count()} éditions.")
