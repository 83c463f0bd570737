"""The directory's vocabularies and choices. Plain data (no model import): migrations, demo use it.

Thematiques are the local taxonomy, each mapped to the data·inclusion v1 thematique code
(`data_inclusion.schema.v1.Thematique`) that fits best, or "" when none does (culture is
mapped to "remobilisation", which data·inclusion uses for cultural and sport activities).
"""

from __future__ import annotations

from django.db import models

# (slug, label, data·inclusion v1 code)
THEMATIQUES: list[tuple[str, str, str]] = [
    (
        "aide-alimentaire",
        "Aide alimentaire (colis, distribution)",
        "equipement-et-alimentation--alimentation",
    ),
    ("repas", "Repas, restauration solidaire", "equipement-et-alimentation--alimentation"),
    ("epicerie-solidaire", "Épicerie solidaire", "equipement-et-alimentation--alimentation"),
    ("vetements", "Vêtements, vestiboutique", "equipement-et-alimentation--habillement"),
    ("hygiene-douches", "Hygiène : douches", ""),
    ("hygiene-laverie", "Hygiène : laverie", ""),
    ("soins", "Soins, accès à la santé", "sante--acces-aux-soins"),
    ("sante-mentale", "Santé mentale, écoute", "sante--sante-mentale"),
    (
        "ateliers-linguistiques",
        "Ateliers linguistiques (français langue étrangère)",
        "lecture-ecriture-calcul--maitriser-le-francais",
    ),
    ("illettrisme", "Illettrisme, savoirs de base", "lecture-ecriture-calcul--maitriser-le-francais"),
    (
        "aides-secours",
        "Aides financières et secours",
        "difficultes-financieres--prevenir-une-degradation-de-la-situation-financiere",
    ),
    ("budget", "Budget, surendettement", "difficultes-financieres--ameliorer-sa-gestion-budgetaire"),
    ("accueil-de-jour", "Accueil de jour", "remobilisation--lien-social"),
    (
        "hebergement",
        "Hébergement d'urgence et temporaire",
        "logement-hebergement--rechercher-une-solution-dhebergement-temporaire",
    ),
    (
        "logement",
        "Logement, maintien dans le logement",
        "logement-hebergement--se-maintenir-dans-le-logement",
    ),
    (
        "acces-aux-droits",
        "Accès aux droits, démarches administratives",
        "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
    ),
    (
        "numerique",
        "Numérique : ateliers, accès, équipement",
        "numerique--maitriser-les-fondamentaux-du-numerique",
    ),
    ("parentalite", "Parentalité, familles", "famille--soutien-a-la-parentalite-et-a-leducation"),
    ("culture-loisirs", "Culture, loisirs, vacances", "remobilisation--activites-sportives-et-culturelles"),
    ("lien-social", "Lien social, lutte contre l'isolement", "remobilisation--lien-social"),
    (
        "insertion",
        "Insertion, emploi",
        "preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi",
    ),
    ("mobilite", "Mobilité", "mobilite--etre-accompagne-dans-son-parcours-mobilite"),
    ("benevolat", "Bénévolat, engagement", "remobilisation--benevolat-action-citoyenne"),
]


class Public(models.TextChoices):
    """data·inclusion v1 publics (same codes), then local ones (not exported)."""

    TOUS_PUBLICS = "tous-publics", "Tous publics"
    FAMILLES = "familles", "Familles"
    FEMMES = "femmes", "Femmes"
    JEUNES = "jeunes", "Jeunes"
    SENIORS = "seniors", "Séniors"
    ETUDIANTS = "etudiants", "Étudiants"
    DEMANDEURS_EMPLOI = "demandeurs-emploi", "Demandeurs d'emploi"
    MINIMAS = "beneficiaires-des-minimas-sociaux", "Bénéficiaires des minima sociaux"
    HANDICAP = "personnes-en-situation-de-handicap", "Personnes en situation de handicap"
    URGENCE = "personnes-en-situation-durgence", "Personnes en situation d'urgence (sans abri…)"
    EXILEES = "personnes-exilees", "Personnes exilées"
    QPV = "residents-qpv-frr", "Habitants des quartiers prioritaires"
    # Local publics, used by Le Mans structures, with no data·inclusion equivalent.
    ENFANTS = "enfants", "Enfants"
    PERSONNES_ISOLEES = "personnes-isolees", "Personnes isolées"
    HABITANTS_QUARTIER = "habitants-du-quartier", "Habitants du quartier"


LOCAL_PUBLICS = {Public.ENFANTS, Public.PERSONNES_ISOLEES, Public.HABITANTS_QUARTIER}


class Fee(models.TextChoices):
    GRATUIT = "gratuit", "Gratuit"
    PAYANT = "payant", "Payant (participation)"


class AccessCondition(models.TextChoices):
    INCONDITIONNEL = "inconditionnel", "Accueil inconditionnel"
    RENDEZ_VOUS = "sur-rendez-vous", "Sur rendez-vous"
    ORIENTATION = "sur-orientation", "Sur orientation d'un travailleur social"
    INSCRIPTION = "sur-inscription", "Sur inscription"
    ADHESION = "adhesion", "Adhésion à l'association"


class Mode(models.TextChoices):
    SUR_PLACE = "sur-place", "Sur place"
    A_DISTANCE = "a-distance", "À distance (téléphone, internet)"


# Our mode → data·inclusion ModeAccueil
MODE_TO_DATA_INCLUSION = {Mode.SUR_PLACE: "en-presentiel", Mode.A_DISTANCE: "a-distance"}


class Language(models.TextChoices):
    FR = "fr", "Français"
    EN = "en", "Anglais"
    AR = "ar", "Arabe"
    ES = "es", "Espagnol"
    PT = "pt", "Portugais"
    DE = "de", "Allemand"
    IT = "it", "Italien"
    RU = "ru", "Russe"
    UK = "uk", "Ukrainien"
    TR = "tr", "Turc"
    RO = "ro", "Roumain"
    PS = "ps", "Pachto"
    FA = "fa", "Persan (dari, farsi)"
    SQ = "sq", "Albanais"
    KA = "ka", "Géorgien"
    WO = "wo", "Wolof"
    LSF = "lsf", "Langue des signes française"


# --- structures, memberships, moderated changes ----------------------------------------------
class Quartier(models.TextChoices):
    CENTRE = "centre", "Centre-ville"
    VIEUX_MANS = "vieux-mans", "Vieux-Mans"
    SABLONS = "sablons", "Les Sablons"
    BELLEVUE_CARNAC = "bellevue-carnac", "Bellevue – Carnac"
    MAILLETS = "maillets", "Les Maillets"
    GLONNIERES = "glonnieres", "Les Glonnières"
    RONCERAY = "ronceray", "Le Ronceray"
    CHAOUE_PERRIERES = "chaoue-perrieres", "Chaoué – Perrières"
    PONTLIEUE = "pontlieue", "Pontlieue"
    SAINT_PAVIN = "saint-pavin", "Saint-Pavin"
    JEAN_JAURES = "jean-jaures", "Jean-Jaurès"
    EPINE_PIED_SEC = "epine-pied-sec", "L'Épine – Pied-Sec"
    GAZONFIER = "gazonfier", "Gazonfier"
    CALIFORNIE = "californie", "Californie"
    BOLLEE = "bollee", "Bollée – Gare"
    HORS_LE_MANS = "hors-le-mans", "Hors Le Mans"


class StructureKind(models.TextChoices):
    ASSOCIATION = "association", "Association"
    CENTRE_SOCIAL = "centre_social", "Centre social"
    CCAS = "ccas", "CCAS"
    INSTITUTION = "institution", "Institution"
    OTHER = "autre", "Autre"


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    PUBLISHED = "published", "Publiée"
    ARCHIVED = "archived", "Archivée"


class MembershipRole(models.TextChoices):
    ADMIN = "admin", "Administrateur·rice"
    MEMBER = "member", "Membre"


class MembershipStatus(models.TextChoices):
    REQUESTED = "requested", "Demandée"
    APPROVED = "approved", "Acceptée"
    REJECTED = "rejected", "Refusée"


class ProposalKind(models.TextChoices):
    CARD = "card", "Fiche de la structure"
    SERVICE_CREATE = "service_create", "Nouveau service"
    SERVICE_UPDATE = "service_update", "Modification d'un service"
    SERVICE_DELETE = "service_delete", "Suppression d'un service"


class ProposalStatus(models.TextChoices):
    PENDING = "pending", "En attente"
    APPROVED = "approved", "Publiée"
    REJECTED = "rejected", "Refusée"
