"""Demo events: the network's yearly highlights, as named on its page."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from solidaire.core.sync import sync_or_create

from .models import Event, EventKind, EventStatus

PARIS = ZoneInfo("Europe/Paris")

# (slug stem, kind, title, month, day, start hour, hours, place, summary)
HIGHLIGHTS = [
    (
        "palabres-au-mans",
        EventKind.PALABRES,
        "Palabres au Mans",
        3,
        12,
        14,
        4,
        "Salle des Concerts, Le Mans",
        "Témoignages et échanges sur la pauvreté et la précarité : usagers, institutions et "
        "associations cherchent ensemble des réponses concrètes.",
    ),
    (
        "pique-nique-solidaire",
        EventKind.PIQUE_NIQUE,
        "Pique-nique solidaire",
        6,
        18,
        12,
        3,
        "Jardin des Plantes, Le Mans",
        "Chaque participant apporte un plat à partager : un moment de détente qui facilite le "
        "dialogue entre usagers, bénévoles associatifs et élus.",
    ),
    (
        "le-mans-goute-le-monde",
        EventKind.GOUTE_LE_MONDE,
        "Le Mans goûte le monde",
        5,
        22,
        11,
        7,
        "Place de la République, Le Mans",
        "À partir d'une spécialité culinaire, des échanges se créent autour des régions, des pays, "
        "des traditions et de l'histoire.",
    ),
    (
        "le-mans-voyage-le-monde",
        EventKind.VOYAGE_LE_MONDE,
        "Le Mans voyage le monde",
        6,
        26,
        10,
        10,
        "Dans les quartiers, le long du tramway",
        "Toute une journée, les habitants voyagent d'un quartier à l'autre, d'un concert à une "
        "fête, d'un stand de dégustation à une exposition.",
    ),
    (
        "le-mans-rencontre-le-monde",
        EventKind.RENCONTRE_LE_MONDE,
        "Le Mans rencontre le monde",
        9,
        10,
        10,
        9,
        "Foire du Mans, Parc des expositions",
        "Une trentaine d'associations qui représentent la richesse des régions de France, d'Europe "
        "et du monde se présentent au public dans une ambiance festive.",
    ),
]


def load(*, stdout) -> None:
    # Next year's occurrences, so the demo always has events to come.
    year = timezone.localdate().year + 1
    for stem, kind, title, month, day, hour, hours, place, summary in HIGHLIGHTS:
        starts = dt.datetime(year, month, day, hour, tzinfo=PARIS)
        sync_or_create(
            Event,
            lookup={"slug": f"{stem}-{year}"},
            values={
                "title": f"{title} {year}",
                "kind": kind,
                "status": EventStatus.PUBLISHED,
                "summary": summary,
                "location": place,
                "starts_at": starts,
                "ends_at": starts + dt.timedelta(hours=hours),
            },
        )
    stdout.write(f"Événements : {Event.objects.count()}.")
