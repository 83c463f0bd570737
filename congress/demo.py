"""Demo congress editions: the 1st (2019) and the 2nd (2024), from the invitation letter."""

from __future__ import annotations

import datetime as dt

from solidaire.core.sync import sync_or_create

from .models import CongressEdition, Workshop

INVITATION_2024 = """Riche d'une vie associative dynamique, notamment dans le domaine de la
solidarité, la Ville du Mans a œuvré et encouragé les associations à échanger leur expérience et
à développer des complémentarités dans le respect de l'autonomie et des valeurs de chacune.

Le congrès fera des propositions pour permettre une construction de réponses aux besoins des
populations, servant de base à l'élaboration de politiques publiques solidaire et sociale. Nos
propositions remonteront aux décideurs politiques : députés, sénateurs et députés européens.

*La Solidarité ne se décrète pas, elle se construit.*
"""

INTRO_2019 = """Le 1er Congrès national des Solidarités avait pour objectif de répondre à un besoin
d'échange transversal à propos des expériences vécues entre les divers acteurs de la solidarité
(institutions, associations, etc.), de leurs difficultés rencontrées et de leurs réussites
transposables à un autre territoire.
"""

WORKSHOPS_2024 = [
    "L'aide alimentaire et la qualité",
    "Le handicap-inclusion",
    "L'insertion",
    "L'engagement",
]


def load(*, stdout) -> None:
    sync_or_create(
        CongressEdition,
        lookup={"number": 1},
        values={
            "year": 2019,
            "title": "1er Congrès national des Solidarités",
            "starts_on": dt.date(2019, 11, 15),
            "ends_on": dt.date(2019, 11, 16),
            "venue": "Palais des Congrès et de la Culture du Mans",
            "introduction": INTRO_2019,
            "contact_email": "congresdessolidarites@lemans.fr",
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
            "venue": "Palais des Congrès et de la Culture du Mans",
            "introduction": INVITATION_2024,
            "contact_email": "congresdessolidarites@lemans.fr",
        },
    )
    for order, title in enumerate(WORKSHOPS_2024, start=1):
        sync_or_create(Workshop, lookup={"edition": edition, "title": title}, values={"order": order})
    stdout.write(f"Congrès : {CongressEdition.objects.count()} éditions.")
