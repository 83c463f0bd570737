"""Demo accounts and the information pages (texts from the network's page on the city site)."""

from __future__ import annotations

from allauth.account.models import EmailAddress

from solidaire.accounts.models import User
from solidaire.accounts.roles import CCAS_GROUP, sync_ccas_group
from solidaire.core.db import sync_or_create

from .pages.models import InfoPage

DEMO_PASSWORD = "solidaire-demo-2026"  # noqa: S105 - printed on purpose, demo only
DEMO_STAFF_EMAIL = "ccas@demo.lemans-solidaire.fr"
DEMO_MEMBER_EMAIL = "benevole@demo.lemans-solidaire.fr"

PAGES = [
    (
        "presentation",
        "Le réseau Le Mans solidaire",
        1,
        True,
        "Depuis 2010, le CCAS, les centres sociaux et des associations du Mans travaillent ensemble.",
        """## Contexte

Pour permettre à chaque habitant d'exercer pleinement sa citoyenneté et pour lutter contre la
pauvreté et l'exclusion dans le respect des personnes, la Ville du Mans a décidé de **mobiliser
tous les acteurs concernés**. C'est ainsi que s'est créé le réseau Le Mans solidaire.

## Objectifs

Le Mans solidaire s'attache à **faire travailler ensemble** les acteurs pour lutter contre les
exclusions sociales, économiques et culturelles. Cette mise en œuvre est basée sur une charte
qui définit les valeurs communes et les repères.

Le Mans solidaire sert à faire connaître au grand public le travail réalisé. Cette action est
aussi utile pour **recruter des bénévoles** qui s'engagent sur Le Mans.

## Temps forts

Dans le cadre de Le Mans solidaire, des temps forts se succèdent tout au long de l'année :
Palabres au Mans, pique-niques solidaires, Le Mans goûte le monde, Le Mans voyage le monde et
Le Mans rencontre le monde.
""",
    ),
    (
        "observatoire-social",
        "Observatoire social",
        2,
        True,
        "Croiser des indicateurs pour orienter plus efficacement les actions.",
        """Un observatoire social, utilisé par le CCAS (Centre communal d'action sociale) de la Ville
du Mans, croise des indicateurs socio-économiques afin d'orienter plus efficacement les actions
conduites par la ville.

Les structures signataires de la charte y contribuent chaque année par une **fiche simple
d'indicateurs communs** : activité générale, publics accueillis, prestations.

[Consulter l'observatoire social](/observatoire/) : les chiffres clés du réseau, leur évolution,
le dernier rapport annuel publié et la méthode.
""",
    ),
    (
        "conseil-des-usagers",
        "Conseil des usagers",
        3,
        True,
        "Un espace de paroles et d'échanges pour les usagers.",
        """Un conseil commun des usagers du CCAS et des associations de Le Mans solidaire ouvre un
espace de paroles et d'échanges.

Il permet aux usagers de donner leur avis sur la qualité de l'accueil et le service rendu. Il
contribue également à l'analyse des besoins sociaux.

Pour rejoindre le conseil, remplissez le formulaire ci-dessous ou appelez le CCAS au 02 43 74 52 06.
""",
    ),
    (
        "mentions-legales",
        "Mentions légales",
        8,
        True,
        "",
        """**Éditeur** : Centre communal d'action sociale de la Ville du Mans, pour le réseau
Le Mans solidaire.

**Directeur de la publication** : le Président délégué du CCAS.

**Hébergement** : serveurs de la Ville du Mans.

Les textes de la charte et des pages d'information sont la propriété du réseau Le Mans
solidaire ; les fiches de l'annuaire sont rédigées par chaque structure, qui en est responsable.
""",
    ),
    (
        "donnees-personnelles",
        "Données personnelles",
        9,
        True,
        "",
        """Le portail collecte les données strictement nécessaires : l'adresse e-mail et le nom des
personnes qui ont un compte, les coordonnées publiques des structures, et les informations
que vous envoyez par les formulaires (inscription au congrès, proposition de bénévolat).

Conformément à la charte (article 4), aucune information n'est diffusée sans votre consentement.
Vous pouvez accéder à vos données, les rectifier ou demander leur effacement en écrivant au CCAS.

**Inscription au congrès.** Le formulaire d'inscription (page « Congrès », sans compte) demande
vos nom, prénom, adresse e-mail, organisme, ville et pays, vos jours de présence, ateliers et
déjeuners, et, si vous le souhaitez, votre téléphone, votre régime alimentaire et vos besoins
d'accessibilité. Ces données servent à organiser le congrès (accueil, badges, repas) et ne sont
communiquées à personne d'autre. Vous n'apparaissez dans la liste publique des participant·es
que si vous l'avez accepté. Le lien personnel reçu par e-mail vous permet à tout moment de
consulter et télécharger vos données, de modifier ou d'annuler votre inscription et d'effacer
vos données. Elles sont anonymisées automatiquement 12 mois après le congrès : seuls des
chiffres (type d'organisme, pays, présence aux ateliers) sont gardés pour les statistiques.

Le portail n'utilise aucun traceur publicitaire ni outil de mesure d'audience tiers ; seul un
cookie de session, indispensable à la connexion, est déposé.
""",
    ),
]


def _demo_user(email: str, full_name: str) -> User:
    user, created = User.objects.get_or_create(email=email, defaults={"full_name": full_name})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def load(*, stdout) -> None:
    for slug, title, order, in_footer, summary, body in PAGES:
        sync_or_create(
            InfoPage,
            lookup={"slug": slug},
            values={
                "title": title,
                "order": order,
                "in_footer": in_footer,
                "summary": summary,
                "body": body,
            },
        )
    staff = _demo_user(DEMO_STAFF_EMAIL, "Agent du CCAS (démo)")
    if not staff.is_staff:
        staff.is_staff = True
        staff.save(update_fields=["is_staff"])
    staff.groups.add(sync_ccas_group())
    _demo_user(DEMO_MEMBER_EMAIL, "Camille Martin (démo)")
    stdout.write(
        f"Compte CCAS de démonstration : {DEMO_STAFF_EMAIL} / {DEMO_PASSWORD} (groupe {CCAS_GROUP})\n"
        f"Compte association de démonstration : {DEMO_MEMBER_EMAIL} / {DEMO_PASSWORD}"
    )
