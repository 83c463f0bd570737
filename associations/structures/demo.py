"""Demo structures: the ones the network's documents name, and the usual solidarity actors."""

from __future__ import annotations

from solidaire.accounts.models import User

from .models import Association, Membership, Service, Thematique
from .services import (
    association_card_written,
    derived_data_refresh,
    service_derived_refresh,
    thematiques_sync,
)
from .taxonomy import MembershipRole, MembershipStatus, PublicationStatus, Quartier, StructureKind

STRUCTURES = [
    {
        "slug": "ccas-ville-du-mans",
        "name": "CCAS de la Ville du Mans",
        "kind": StructureKind.CCAS,
        "quartier": Quartier.CENTRE,
        "phone": "02 43 74 52 06",
        "summary": "Le centre communal d'action sociale, outil de la politique sociale de la Ville "
        "du Mans et animateur du réseau Le Mans solidaire.",
    },
    {
        "slug": "union-mancelle-des-centres-sociaux",
        "name": "Union Mancelle des Centres Sociaux",
        "kind": StructureKind.CENTRE_SOCIAL,
        "quartier": Quartier.CENTRE,
        "summary": "Fédère les centres sociaux du Mans, membre fondateur de Le Mans solidaire.",
    },
    {
        "slug": "france-benevolat-sarthe",
        "name": "France Bénévolat Sarthe",
        "kind": StructureKind.ASSOCIATION,
        "quartier": Quartier.CENTRE,
        "phone": "02 43 87 50 40",
        "summary": "Oriente les personnes qui souhaitent s'engager bénévolement vers les "
        "associations de la Sarthe.",
    },
    {
        "slug": "manou-partages",
        "name": "Manou Partages",
        "kind": StructureKind.ASSOCIATION,
        "quartier": Quartier.HORS_LE_MANS,
        "email": "contact@manou-partages.org",
        "website": "https://manou-partages.org",
        "city": "Saint-Mars-du-Désert",
        "postcode": "44850",
        "summary": "Facilitateur de lien social entre les générations, dans une logique de proximité.",
        "mission": "Être un facilitateur de lien social entre les générations, dans une logique de "
        "proximité. Porter un projet solidaire et collectif au service du vivre ensemble.",
    },
    {
        "slug": "epicerie-solidaire-des-sablons",
        "name": "Épicerie solidaire des Sablons",
        "kind": StructureKind.ASSOCIATION,
        "quartier": Quartier.SABLONS,
        "summary": "Épicerie solidaire : produits du quotidien à petit prix, sur orientation "
        "d'un travailleur social.",
    },
    {
        "slug": "restos-du-coeur-sarthe",
        "name": "Les Restaurants du Cœur — Sarthe",
        "kind": StructureKind.ASSOCIATION,
        "quartier": Quartier.PONTLIEUE,
        "summary": "Aide alimentaire, accompagnement vers l'emploi, accès aux droits.",
    },
    {
        "slug": "secours-populaire-sarthe",
        "name": "Secours populaire français — Sarthe",
        "kind": StructureKind.ASSOCIATION,
        "quartier": Quartier.BOLLEE,
        "summary": "Aide alimentaire, vestimentaire, vacances et accès à la culture pour tous.",
    },
    {
        "slug": "secours-catholique-le-mans",
        "name": "Secours catholique — Le Mans",
        "kind": StructureKind.ASSOCIATION,
        "quartier": Quartier.VIEUX_MANS,
        "summary": "Accueil de jour, ateliers de français, accompagnement des familles.",
    },
    {
        "slug": "croix-rouge-le-mans",
        "name": "Croix-Rouge française — unité locale du Mans",
        "kind": StructureKind.ASSOCIATION,
        "quartier": Quartier.JEAN_JAURES,
        "summary": "Vestiboutique, aide alimentaire, maraude et secours.",
    },
    {
        "slug": "maison-de-quartier-bellevue",
        "name": "Centre social de Bellevue",
        "kind": StructureKind.CENTRE_SOCIAL,
        "quartier": Quartier.BELLEVUE_CARNAC,
        "summary": "Animation de la vie du quartier, parentalité, ateliers numériques, "
        "ateliers de conversation en français.",
    },
]

DEMO_ADMIN_OF = "epicerie-solidaire-des-sablons"
UNREACHABLE_IN_DEMO = ("union-mancelle-des-centres-sociaux", "france-benevolat-sarthe")

# Contact details, hours (OpenStreetMap syntax) and a position in Le Mans, per slug. Addresses
# and hours are illustrative; they look like the real thing so the demo can be walked through.
# E-mail addresses are on the demo domain (nothing real is written to). Two structures keep
# none and no member, as some real ones do: the campaign follow-up then shows its list
# « Structures injoignables » with them (UNREACHABLE_IN_DEMO).
DETAILS: dict[str, dict] = {
    "ccas-ville-du-mans": {
        "email": "accueil.ccas@demo.lemans-solidaire.fr",
        "street": "Place Saint-Pierre",
        "postcode": "72000",
        "latitude": "48.007600",
        "longitude": "0.198900",
        "opening_hours": "Mo-Fr 08:30-12:00,13:30-17:00; PH off",
        "languages": ["fr", "en"],
        "pmr_accessible": True,
        "accessibility_details": "Entrée de plain-pied, boucle magnétique à l'accueil.",
        "network_labels": "Le Mans solidaire",
    },
    "union-mancelle-des-centres-sociaux": {
        "street": "2 rue Maupertuis",
        "postcode": "72000",
        "latitude": "48.001200",
        "longitude": "0.196000",
        "opening_hours": "Mo-Fr 09:00-12:30,14:00-17:30; PH off",
        "network_labels": "Fédération des centres sociaux de France, Le Mans solidaire",
    },
    "france-benevolat-sarthe": {
        "street": "23 rue de la Galère",
        "postcode": "72000",
        "latitude": "48.004100",
        "longitude": "0.202300",
        "opening_hours": "Tu,Th 14:00-17:00; PH off",
        "network_labels": "France Bénévolat",
    },
    "manou-partages": {
        "founded_on": "2014-05-30",
        "staff_employees": 5,
        "staff_board": 4,
        "staff_volunteers": 30,
        "staff_civic_service": 1,
        "budget": "200000.00",
        "opening_hours": "Mo-Fr 09:00-17:00; PH off",
    },
    "epicerie-solidaire-des-sablons": {
        "email": "epicerie.sablons@demo.lemans-solidaire.fr",
        "street": "Rue des Sablons",
        "postcode": "72100",
        "latitude": "47.995800",
        "longitude": "0.226500",
        "opening_hours": "Tu,Th 14:00-18:00; Sa 09:30-12:00; PH off",
        "languages": ["fr", "ar"],
        "pmr_accessible": True,
        "staff_volunteers": 18,
    },
    "restos-du-coeur-sarthe": {
        "email": "restos72@demo.lemans-solidaire.fr",
        "street": "Rue de l'Éventail",
        "postcode": "72100",
        "latitude": "47.981900",
        "longitude": "0.214700",
        "opening_hours": "Mo,We,Fr 09:00-11:30; PH off",
        "network_labels": "Les Restos du Cœur",
    },
    "secours-populaire-sarthe": {
        "email": "secours-populaire72@demo.lemans-solidaire.fr",
        "street": "Rue Paul Courboulay",
        "postcode": "72000",
        "latitude": "48.000900",
        "longitude": "0.181400",
        "opening_hours": "Mo-Fr 09:00-12:00,14:00-17:00; PH off",
        "languages": ["fr", "en", "es"],
    },
    "secours-catholique-le-mans": {
        "email": "secours-catholique.lemans@demo.lemans-solidaire.fr",
        "street": "Rue de l'Écrevisse",
        "postcode": "72000",
        "latitude": "48.009900",
        "longitude": "0.195900",
        "opening_hours": "Mo-Fr 08:45-12:00; PH off",
        "languages": ["fr", "en", "ar", "ru"],
        "pmr_accessible": True,
        "network_labels": "Caritas France",
    },
    "croix-rouge-le-mans": {
        "email": "croix-rouge.lemans@demo.lemans-solidaire.fr",
        "street": "Rue Gougeard",
        "postcode": "72000",
        "latitude": "48.002800",
        "longitude": "0.205100",
        "opening_hours": "Mo-Sa 14:00-18:00; PH off",
    },
    "maison-de-quartier-bellevue": {
        "email": "cs.bellevue@demo.lemans-solidaire.fr",
        "street": "Avenue de Bellevue",
        "postcode": "72000",
        "latitude": "48.013300",
        "longitude": "0.216000",
        "opening_hours": "Mo-Fr 09:00-12:00,13:30-18:30; Sa 09:00-12:00",
        "languages": ["fr", "tr"],
        "pmr_accessible": True,
        "network_labels": "Fédération des centres sociaux de France",
    },
}

# (slug, service name, description, thematiques, publics, fee, access conditions, modes)
SERVICES = [
    (
        "ccas-ville-du-mans",
        "Accueil social et aides facultatives",
        "Premier accueil, instruction des aides facultatives et secours d'urgence.",
        ["aides-secours", "acces-aux-droits"],
        ["tous-publics"],
        "gratuit",
        ["inconditionnel"],
        ["sur-place", "a-distance"],
    ),
    (
        "ccas-ville-du-mans",
        "Domiciliation administrative",
        "Une adresse pour recevoir son courrier et faire valoir ses droits.",
        ["acces-aux-droits"],
        ["personnes-en-situation-durgence"],
        "gratuit",
        ["sur-rendez-vous"],
        ["sur-place"],
    ),
    (
        "france-benevolat-sarthe",
        "Orientation des futurs bénévoles",
        "Entretien pour trouver une mission bénévole qui vous ressemble.",
        ["benevolat"],
        ["tous-publics"],
        "gratuit",
        ["sur-rendez-vous"],
        ["sur-place"],
    ),
    (
        "manou-partages",
        "Collectifs engagés solidaires",
        "Repérage et accompagnement des personnes isolées par des collectifs d'habitants.",
        ["lien-social"],
        ["seniors", "personnes-isolees"],
        "gratuit",
        ["inconditionnel"],
        ["sur-place", "a-distance"],
    ),
    (
        "epicerie-solidaire-des-sablons",
        "Épicerie solidaire",
        "Produits du quotidien à 10 à 30 % du prix, sur orientation d'un travailleur social.",
        ["epicerie-solidaire", "aide-alimentaire"],
        ["familles", "residents-qpv-frr"],
        "payant",
        ["sur-orientation"],
        ["sur-place"],
    ),
    (
        "epicerie-solidaire-des-sablons",
        "Atelier cuisine petit budget",
        "Cuisiner ensemble avec les produits de l'épicerie, un jeudi par mois.",
        ["repas", "lien-social"],
        ["tous-publics"],
        "gratuit",
        ["sur-inscription"],
        ["sur-place"],
    ),
    (
        "restos-du-coeur-sarthe",
        "Distribution alimentaire",
        "Paniers repas pendant les campagnes d'hiver et d'été.",
        ["aide-alimentaire"],
        ["tous-publics"],
        "gratuit",
        ["sur-inscription"],
        ["sur-place"],
    ),
    (
        "restos-du-coeur-sarthe",
        "Aide à l'accès aux droits",
        "Permanence pour les démarches administratives.",
        ["acces-aux-droits"],
        ["tous-publics"],
        "gratuit",
        ["inconditionnel"],
        ["sur-place"],
    ),
    (
        "secours-populaire-sarthe",
        "Libre-service alimentaire",
        "Aide alimentaire en libre-service, participation symbolique.",
        ["aide-alimentaire"],
        ["familles"],
        "payant",
        ["sur-rendez-vous"],
        ["sur-place"],
    ),
    (
        "secours-populaire-sarthe",
        "Vacances et culture pour tous",
        "Journées à la mer, sorties culturelles, séjours en famille.",
        ["culture-loisirs"],
        ["familles", "enfants"],
        "gratuit",
        ["sur-inscription"],
        ["sur-place"],
    ),
    (
        "secours-catholique-le-mans",
        "Accueil de jour",
        "Café, écoute, douches et laverie, domiciliation.",
        ["accueil-de-jour", "hygiene-douches", "hygiene-laverie"],
        ["personnes-en-situation-durgence"],
        "gratuit",
        ["inconditionnel"],
        ["sur-place"],
    ),
    (
        "secours-catholique-le-mans",
        "Ateliers de français",
        "Ateliers de conversation et d'apprentissage du français, tous niveaux.",
        ["ateliers-linguistiques"],
        ["personnes-exilees"],
        "gratuit",
        ["sur-inscription"],
        ["sur-place"],
    ),
    (
        "croix-rouge-le-mans",
        "Vestiboutique",
        "Vêtements à petits prix, ouverte à tous.",
        ["vetements"],
        ["tous-publics"],
        "payant",
        ["inconditionnel"],
        ["sur-place"],
    ),
    (
        "croix-rouge-le-mans",
        "Maraude",
        "Aller à la rencontre des personnes à la rue, les soirs d'hiver.",
        ["hebergement", "soins"],
        ["personnes-en-situation-durgence"],
        "gratuit",
        ["inconditionnel"],
        ["sur-place"],
    ),
    (
        "maison-de-quartier-bellevue",
        "Ateliers numériques",
        "Prendre en main un ordinateur, faire ses démarches en ligne.",
        ["numerique"],
        ["tous-publics"],
        "gratuit",
        ["sur-inscription"],
        ["sur-place"],
    ),
    (
        "maison-de-quartier-bellevue",
        "Café des parents",
        "Échanges entre parents autour de l'éducation, le mardi matin.",
        ["parentalite"],
        ["familles"],
        "gratuit",
        ["inconditionnel"],
        ["sur-place"],
    ),
    (
        "maison-de-quartier-bellevue",
        "Accompagnement à la scolarité",
        "Soutien des collégiens dans leur travail scolaire, deux soirs par semaine, avec les familles.",
        ["parentalite"],
        ["enfants", "jeunes"],
        "gratuit",
        ["sur-inscription"],
        ["sur-place"],
    ),
    (
        "maison-de-quartier-bellevue",
        "Ateliers de conversation en français",
        "Pratiquer le français à l'oral dans une ambiance conviviale.",
        ["ateliers-linguistiques", "illettrisme"],
        ["personnes-exilees", "habitants-du-quartier"],
        "gratuit",
        ["sur-inscription"],
        ["sur-place"],
    ),
]


def load(*, stdout) -> None:
    for data in STRUCTURES:
        data = dict(data)
        slug = data.pop("slug")
        defaults = {"status": PublicationStatus.PUBLISHED, **data, **DETAILS.get(slug, {})}
        association = Association.objects.filter(slug=slug).first()
        if association is None:
            derived_data_refresh(association=Association.objects.create(slug=slug, **defaults))
            continue
        changed = {k for k, v in defaults.items() if str(getattr(association, k)) != str(v)}
        if changed:
            for name in changed:
                setattr(association, name, defaults[name])
            association.save()
            association_card_written(association=association, changed=changed)
    thematiques_sync()
    thematiques = {t.slug: t for t in Thematique.objects.all()}
    for slug, name, description, themes, publics, fee, access, modes in SERVICES:
        association = Association.objects.get(slug=slug)
        service, created = Service.objects.get_or_create(
            association=association,
            name=name,
            defaults={
                "description": description,
                "publics": publics,
                "fee": fee,
                "access_conditions": access,
                "modes": modes,
            },
        )
        if created:
            service.thematiques.set([thematiques[t] for t in themes if t in thematiques])
            service_derived_refresh(service=service, association=association)
    member = User.objects.filter(email="benevole@demo.lemans-solidaire.fr").first()
    if member:
        Membership.objects.get_or_create(
            user=member,
            association=Association.objects.get(slug=DEMO_ADMIN_OF),
            defaults={"role": MembershipRole.ADMIN, "status": MembershipStatus.APPROVED},
        )
    # What the demo holds, never what this run changed: a second run prints the same lines. The
    # count is of published structures (the public directory's), not of every row: the actions
    # import adds draft cards for the social centres it names.
    published = Association.objects.filter(status=PublicationStatus.PUBLISHED)
    reachable = published.exclude(email="") | published.filter(memberships__status=MembershipStatus.APPROVED)
    stdout.write(
        f"Annuaire : {published.count()} structures publiées, dont "
        f"{reachable.distinct().count()} joignables (adresse e-mail ou membre)."
    )
