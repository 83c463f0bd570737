"""Demo events: the five series named on the network's page (seed 000), each with two past
editions (report, photos, participating structures) and the next one; Le Mans voyage le monde
with its tram stages. Idempotent: a second run changes nothing."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone

from associations.structures.models import Association
from solidaire.core.db import sync, sync_or_create

from .calendar.models import Edition, EditionPhoto, EventSeries, SeriesKind, Stage
from .participation.models import Participation, ParticipationStatus

PARIS = ZoneInfo("Europe/Paris")

# The series' presentations, from the network's page.
SERIES = [
    {
        "slug": "palabres-au-mans",
        "name": "Palabres au Mans",
        "kind": SeriesKind.TEMPS_FORT,
        "since_year": 2016,
        "summary": "Témoignages et échanges sur la pauvreté et la précarité : usagers, institutions et "
        "associations cherchent ensemble des réponses concrètes.",
        "description": "Après une première édition en 2016, Palabres au Mans a pour ambition de se "
        "renouveler chaque année.\n\nÀ travers **témoignages et échanges**, ce rendez-vous favorise "
        "l'expression sur la "
        "pauvreté et la précarité. Usagers, institutions, acteurs des associations cherchent ensemble des "
        "réponses concrètes pour améliorer la vie quotidienne des personnes fragiles.",
    },
    {
        "slug": "pique-niques-solidaires",
        "name": "Pique-niques solidaires",
        "kind": SeriesKind.TEMPS_FORT,
        "since_year": None,
        "summary": "Chaque participant apporte un plat à partager : un moment de détente qui facilite le "
        "dialogue entre usagers, bénévoles associatifs et élus.",
        "description": "Chaque participant apporte un plat à partager. C'est le principe de Pique-niques "
        "solidaires. Un moment de détente qui **facilite le dialogue** entre usagers, responsables ou "
        "bénévoles associatifs et élus.",
    },
    {
        "slug": "le-mans-goute-le-monde",
        "name": "Le Mans goûte le monde",
        "kind": SeriesKind.INTERCULTUREL,
        "since_year": None,
        "summary": "À partir d'une spécialité culinaire, des échanges se créent autour des régions, "
        "des pays, des traditions et de l'histoire.",
        "description": "Les associations qui représentent toute **la richesse culturelle du Mans**, qu'elles "
        "soient sarthoises, bretonnes, d'Europe ou du reste du monde, se retrouvent une fois par an pour Le "
        "Mans goûte le monde.\n\nÀ partir d'une spécialité culinaire, des échanges se créent autour des "
        "régions, des pays, des traditions, des coutumes, de l'histoire.",
    },
    {
        "slug": "le-mans-voyage-le-monde",
        "name": "Le Mans voyage le monde",
        "kind": SeriesKind.INTERCULTUREL,
        "since_year": None,
        "summary": "Toute une journée, les habitants voyagent d'un quartier à l'autre, d'un concert à une "
        "fête, d'un stand de dégustation à une exposition.",
        "description": "Avec Le Mans voyage le monde, pendant toute une journée, les habitants sont "
        "invités à voyager d'un quartier à l'autre, d'un concert à une fête, d'un stand de dégustation à une "
        "exposition.\n\nDes plans du tramway, avec les différentes étapes, sont distribués aux participants.",
    },
    {
        "slug": "le-mans-rencontre-le-monde",
        "name": "Le Mans rencontre le monde",
        "kind": SeriesKind.INTERCULTUREL,
        "since_year": None,
        "summary": "Une trentaine d'associations qui représentent la richesse des régions de France, "
        "d'Europe et du monde se présentent au public dans une ambiance festive.",
        "description": "Au moment de la Foire du Mans, Le Mans rencontre le monde permet à une trentaine "
        "d'associations, qui représentent la richesse des régions de France, d'Europe et du monde, de se "
        "rassembler pour se présenter au public dans une ambiance festive.\n\nCette initiative est aussi "
        "l'occasion d'acheter des spécialités culinaires et des produits artisanaux d'ici et d'ailleurs.",
    },
]

# slug → (month, day, start hour, end hour, days, venue, street, quartier, latitude, longitude)
WHEN_WHERE = {
    "palabres-au-mans": (
        3,
        12,
        14,
        18,
        1,
        "Salle des Concerts",
        "Place du Jet d'Eau",
        "centre",
        "48.006900",
        "0.196200",
    ),
    "pique-niques-solidaires": (
        6,
        18,
        12,
        15,
        1,
        "Jardin des Plantes",
        "Rue de Sarthe",
        "centre",
        "48.012600",
        "0.201400",
    ),
    "le-mans-goute-le-monde": (
        5,
        22,
        11,
        18,
        1,
        "Place de la République",
        "",
        "centre",
        "48.007400",
        "0.198500",
    ),
    "le-mans-voyage-le-monde": (6, 26, 10, 20, 1, "Le long de la ligne T1 du tramway", "", "", None, None),
    "le-mans-rencontre-le-monde": (
        9,
        8,
        10,
        19,
        3,
        "Parc des expositions — Foire du Mans",
        "Rue de l'Éventail",
        "pontlieue",
        "47.984400",
        "0.222600",
    ),
}

# Le Mans voyage le monde: (name, place, hour, minute, duration in minutes, what, latitude, longitude)
TRAM_STAGES = [
    (
        "Université",
        "Station de tramway Université",
        10,
        0,
        90,
        "Départ : petit-déjeuner du monde",
        "48.015700",
        "0.163600",
    ),
    ("Les Sablons", "Place des Sablons", 12, 0, 120, "Repas partagé et danses", "47.995800", "0.226600"),
    (
        "Préfecture",
        "Place Aristide-Briand",
        14,
        30,
        90,
        "Exposition de photographies",
        "48.003100",
        "0.197900",
    ),
    (
        "République",
        "Place de la République",
        16,
        15,
        105,
        "Concert des associations",
        "48.007400",
        "0.198500",
    ),
    ("Antarès", "Station de tramway Antarès–MMArena", 18, 30, 90, "Fête de clôture", "47.955100", "0.224500"),
]

# Who takes part (slug of the structure, what it presents) per series.
PARTICIPANTS = {
    "le-mans-goute-le-monde": [
        ("epicerie-solidaire-des-sablons", "Dégustation de soupes du monde préparées avec les bénévoles."),
        ("maison-de-quartier-bellevue", "Pâtisseries orientales de l'atelier cuisine du centre social."),
    ],
    "le-mans-rencontre-le-monde": [
        ("manou-partages", "Stand de présentation et artisanat."),
        ("secours-populaire-sarthe", "Stand d'information et vente solidaire."),
        ("maison-de-quartier-bellevue", "Stand des ateliers linguistiques."),
    ],
    "le-mans-voyage-le-monde": [
        ("union-mancelle-des-centres-sociaux", "Animation des étapes dans les quartiers.")
    ],
}

# The flat events' demo (before series) wrote « pique-nique-solidaire-<year> ».
LEGACY_SLUGS = {"pique-niques-solidaires": "pique-nique-solidaire"}

REPORT = (
    "Une belle édition : {name} a réuni habitants, bénévoles et associations du réseau. "
    "Merci à toutes les structures qui ont fait vivre ce rendez-vous."
)
PHOTO_COLOURS = [(196, 69, 54), (47, 110, 73), (38, 84, 124)]


def _png(colour: tuple[int, int, int]) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (480, 320), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def _edition(series: EventSeries, year: int, *, past: bool) -> Edition:
    month, day, hour, end_hour, days, venue, street, quartier, lat, lng = WHEN_WHERE[series.slug]
    starts = dt.datetime(year, month, day, hour, tzinfo=PARIS)
    ends = dt.datetime(year, month, day, end_hour, tzinfo=PARIS) + dt.timedelta(days=days - 1)
    values = {
        "series": series,
        "title": f"{series.name} {year}",
        "summary": series.summary,
        "starts_at": starts,
        "ends_at": ends,
        "all_day": days > 1,
        "venue_name": venue,
        "street": street,
        "postcode": "72000" if street else "",
        "city": "Le Mans",
        "quartier": quartier,
        "latitude": Decimal(lat) if lat else None,
        "longitude": Decimal(lng) if lng else None,
        "accessibility": "Lieu accessible aux personnes à mobilité réduite. Boucle magnétique à l'accueil."
        if lat
        else "Tramway accessible ; chaque étape est de plain-pied.",
        "is_free": True,
        "participation_open": not past and series.slug in PARTICIPANTS,
        "participation_deadline": (starts - dt.timedelta(days=30)).date() if not past else None,
        "capacity": 30 if series.slug == "le-mans-rencontre-le-monde" else 12,
        "report": REPORT.format(name=series.name) if past else "",
    }
    slug = f"{series.slug}-{year}"
    legacy = LEGACY_SLUGS.get(series.slug)
    if legacy and not Edition.objects.filter(slug=slug).exists():
        # A database migrated from the flat events keeps its edition under the old address.
        Edition.objects.filter(slug=f"{legacy}-{year}").update(slug=slug)
    edition, _ = sync_or_create(Edition, lookup={"slug": slug}, values=values)
    return edition


def _stages(edition: Edition) -> None:
    day = edition.start_date
    for position, (name, place, hour, minute, minutes, what, lat, lng) in enumerate(TRAM_STAGES, start=1):
        starts = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)
        sync_or_create(
            Stage,
            lookup={"edition": edition, "position": position},
            values={
                "name": name,
                "place": place,
                "description": what,
                "starts_at": starts,
                "ends_at": starts + dt.timedelta(minutes=minutes),
                "latitude": Decimal(lat),
                "longitude": Decimal(lng),
            },
        )


def _photos(edition: Edition) -> None:
    for position, colour in enumerate(PHOTO_COLOURS[:2], start=1):
        photo = EditionPhoto.objects.filter(edition=edition, position=position).first()
        alt = f"{edition.title} : habitants et bénévoles réunis (photo {position})"
        if photo is None:
            photo = EditionPhoto(edition=edition, position=position, alt_text=alt)
            photo.image.save(f"{edition.slug}-{position}.png", ContentFile(_png(colour)), save=False)
            photo.save()
        else:
            sync(photo, {"alt_text": alt})


def _participants(edition: Edition) -> None:
    structures = {
        a.slug: a
        for a in Association.objects.filter(
            slug__in=[s for s, _ in PARTICIPANTS.get(edition.series.slug, [])]
        )
    }
    for slug, offer in PARTICIPANTS.get(edition.series.slug, []):
        association = structures.get(slug)
        if association is None:
            continue
        sync_or_create(
            Participation,
            lookup={"edition": edition, "association": association},
            values={"offer": offer, "people": 3, "needs_table": True, "status": ParticipationStatus.ACCEPTED},
        )


def load(*, stdout) -> None:
    year = timezone.localdate().year
    ccas = Association.objects.filter(slug="ccas-ville-du-mans").first()
    for data in SERIES:
        data = dict(data)
        series, _ = sync_or_create(EventSeries, lookup={"slug": data.pop("slug")}, values=data)
        if ccas and not series.organisers.filter(pk=ccas.pk).exists():
            series.organisers.add(ccas)
        for edition_year, past in ((year - 2, True), (year - 1, True), (year + 1, False)):
            edition = _edition(series, edition_year, past=past)
            if series.slug == "le-mans-voyage-le-monde":
                _stages(edition)
            if past:
                _photos(edition)
            _participants(edition)
    stdout.write(f"Événements : {EventSeries.objects.count()} séries, {Edition.objects.count()} éditions.")
