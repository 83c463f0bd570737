"""Demo structures: the ones the network's documents name, and the usual solidarity actors."""

from __future__ import annotations

from solidaire.accounts.models import User

from .models import (
    Association,
    Membership,
    MembershipRole,
    MembershipStatus,
    PublicationStatus,
    Quartier,
    StructureKind,
)

STRUCTURES = [
    {
        "slug": "ccas-ville-du-mans", "name": "CCAS de la Ville du Mans", "kind": StructureKind.CCAS,
        "quartier": Quartier.CENTRE, "phone": "02 43 74 52 06",
        "summary": "Le centre communal d'action sociale, outil de la politique sociale de la Ville "
                   "du Mans et animateur du réseau Le Mans solidaire.",
    },
    {
        "slug": "union-mancelle-des-centres-sociaux", "name": "Union Mancelle des Centres Sociaux",
        "kind": StructureKind.CENTRE_SOCIAL, "quartier": Quartier.CENTRE,
        "summary": "Fédère les centres sociaux du Mans, membre fondateur de Le Mans solidaire.",
    },
    {
        "slug": "france-benevolat-sarthe", "name": "France Bénévolat Sarthe",
        "kind": StructureKind.ASSOCIATION, "quartier": Quartier.CENTRE, "phone": "02 43 87 50 40",
        "summary": "Oriente les personnes qui souhaitent s'engager bénévolement vers les "
                   "associations de la Sarthe.",
    },
    {
        "slug": "manou-partages", "name": "Manou Partages", "kind": StructureKind.ASSOCIATION,
        "quartier": Quartier.HORS_LE_MANS, "email": "contact@manou-partages.org",
        "website": "https://manou-partages.org", "city": "Saint-Mars-du-Désert",
        "postcode": "44850",
        "summary": "Facilitateur de lien social entre les générations, dans une logique de proximité.",
        "mission": "Être un facilitateur de lien social entre les générations, dans une logique de "
                   "proximité. Porter un projet solidaire et collectif au service du vivre ensemble.",
    },
    {
        "slug": "epicerie-solidaire-des-sablons", "name": "Épicerie solidaire des Sablons",
        "kind": StructureKind.ASSOCIATION, "quartier": Quartier.SABLONS,
        "summary": "Épicerie solidaire : produits du quotidien à petit prix, sur orientation "
                   "d'un travailleur social.",
    },
    {
        "slug": "restos-du-coeur-sarthe", "name": "Les Restaurants du Cœur — Sarthe",
        "kind": StructureKind.ASSOCIATION, "quartier": Quartier.PONTLIEUE,
        "summary": "Aide alimentaire, accompagnement vers l'emploi, accès aux droits.",
    },
    {
        "slug": "secours-populaire-sarthe", "name": "Secours populaire français — Sarthe",
        "kind": StructureKind.ASSOCIATION, "quartier": Quartier.BOLLEE,
        "summary": "Aide alimentaire, vestimentaire, vacances et accès à la culture pour tous.",
    },
    {
        "slug": "secours-catholique-le-mans", "name": "Secours catholique — Le Mans",
        "kind": StructureKind.ASSOCIATION, "quartier": Quartier.VIEUX_MANS,
        "summary": "Accueil de jour, ateliers de français, accompagnement des familles.",
    },
    {
        "slug": "croix-rouge-le-mans", "name": "Croix-Rouge française — unité locale du Mans",
        "kind": StructureKind.ASSOCIATION, "quartier": Quartier.JEAN_JAURES,
        "summary": "Vestiboutique, aide alimentaire, maraude et secours.",
    },
    {
        "slug": "maison-de-quartier-bellevue", "name": "Centre social de Bellevue",
        "kind": StructureKind.CENTRE_SOCIAL, "quartier": Quartier.BELLEVUE_CARNAC,
        "summary": "Animation de la vie du quartier, parentalité, ateliers numériques, "
                   "ateliers de conversation en français.",
    },
]

DEMO_ADMIN_OF = "epicerie-solidaire-des-sablons"


def load(*, stdout) -> None:
    for data in STRUCTURES:
        data = dict(data)
        slug = data.pop("slug")
        Association.objects.update_or_create(
            slug=slug, defaults={"status": PublicationStatus.PUBLISHED, **data}
        )
    member = User.objects.filter(email="benevole@demo.lemans-solidaire.fr").first()
    if member:
        Membership.objects.get_or_create(
            user=member, association=Association.objects.get(slug=DEMO_ADMIN_OF),
            defaults={"role": MembershipRole.ADMIN, "status": MembershipStatus.APPROVED},
        )
    stdout.write(f"Annuaire : {Association.objects.count()} structures.")
