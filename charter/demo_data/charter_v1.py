"""Version 1 of the charter « Le Mans Solidaire » (19 November 2010), as structured content.

The full text of the founding document, split into foreword, sections, values and articles.
Bodies are Markdown (rendered and sanitised by `solidaire.core.text.render_markdown`).
Non-breaking spaces before « : ; ! ? » and inside « » are added by `french_spacing()` when loaded.
"""

from __future__ import annotations

import datetime as dt
import re

NUMBER = 1
TITLE = "Charte « Le Mans Solidaire »"
ADOPTED_ON = dt.date(2010, 11, 19)
CHANGES_SUMMARY = (
    "Texte fondateur, construit en ateliers depuis le 1er septembre 2010 par les associations, "
    "les centres sociaux et le CCAS, et présenté aux Assises Le Mans Solidaire du 19 novembre 2010."
)

FOREWORD_TITLE = "Avant-propos"
FOREWORD_AUTHOR = "Yves Calippe"
FOREWORD_AUTHOR_ROLE = (
    "Adjoint au maire chargé de l'Action sociale\nVice-président du Centre communal d'action sociale"
)
FOREWORD = """\
Associations, centres sociaux, Centre Communal d'Action Sociale nous travaillons tous pour faire \
vivre la solidarité au quotidien auprès des personnes et des familles en difficultés. Nous nous \
croisons, sans engager un réel travail en commun. Nous avons besoin de nous connaître et \
d'échanger car nous sommes, dans toute notre diversité, complémentaires. Très peu d'actions \
collectives sont menées ensemble. Il paraissait important et nécessaire de fédérer les volontés \
sur un ensemble de valeurs tout en respectant l'indépendance d'action de chacun. Le Centre \
Communal d'Action Sociale, pour ce qui le concerne, est l'outil de la politique sociale de la \
Ville du Mans. Il est l'expression de la solidarité des Mancelles et Manceaux, ce qui lui donne \
comme responsabilité d'aider à l'expression de la solidarité la plus efficiente possible.

Place de la Solidarité le 29 mai et les Assises Le Mans Solidaire le 19 novembre 2010 ont \
constitué deux événements, labellisés dans le cadre de l'Année européenne de lutte contre la \
pauvreté, qui ont réunis une trentaine d'associations, l'Union Mancelle des Centres Sociaux et le \
Centre Communal d'Action Sociale de la Ville du Mans. C'est une première, y compris au niveau \
national, que tous ces acteurs sociaux qui s'engagent auprès des personnes et des familles en \
grande précarité aient accepté de travailler ensemble, pour lutter contre l'exclusion sociale.

Depuis le 1er septembre 2010, à travers des ateliers, les associations, centres sociaux et Centre \
Communal d'Action Sociale ont échangé, débattu et construit une Charte autour des valeurs \
communes. L'idée est de replacer l'utilisateur au cœur de la problématique sociale et de croiser \
les connaissances de chacun.

Au-delà des valeurs qui constituent son socle, la Charte « Le Mans Solidaire » est un outil sur \
lequel la structure signataire pourra se référer pour faire évoluer son projet associatif ou \
d'établissement, et se donner des repères pour l'action sur le terrain.

Cette Charte est tout sauf un document figé dans le marbre. C'est un outil dynamique, évolutif, \
à faire vivre en permanence.

Nous sommes au début d'une construction commune et ensemble, nous écrivons une page de \
l'histoire de la solidarité au Mans.
"""

SECTIONS = [
    {
        "number": 1,
        "title": "Des valeurs communes",
        "body": """\
Au-delà des spécificités des acteurs associatifs, centres sociaux et Centre Communal d'Action \
Sociale, agir ensemble et en complémentarité nécessite d'identifier des valeurs communes.

### Considérer l'homme et la femme à part entière dans sa globalité

- En respectant et préservant ses droits : Liberté, égalité, fraternité
- Liberté dans ses choix de vie
- Droit à la différence, au respect de son identité, de son histoire
- Droit à la dignité et au maintien d'une vie citoyenne

### Agir et travailler ensemble

- Agir avec la personne en respectant sa liberté, ses choix, son parcours : « De l'échange, pas \
de l'assistance »
- Travailler ensemble et partager nos pratiques
    - Favoriser le partage de nos savoir-faire, de nos compétences entre acteurs de terrain afin \
d'éviter le morcellement de la personne, pour la considérer comme un être à part entière, dans \
sa globalité.
    - Mettre un sens commun à nos actions auprès de la personne.

Les valeurs que nous avons en commun sont :
""",
        "values": [
            "La solidarité, le partage.",
            "La laïcité et la démocratie",
            "L'utilisateur au cœur de l'action.",
            "L'autonomie et la citoyenneté.",
            "Le respect et la tolérance.",
            "La non discrimination.",
        ],
        "articles": [],
        "closing": """\
Une autre valeur, « la dimension humaine », sert de vecteur à toutes nos actions.

Les valeurs humaines sont le fondement de l'action que nous menons auprès des personnes.

- La personne est avant tout un être unique, avec une histoire singulière que nous devons \
respecter dans sa globalité.
- Nous devons croire en ses capacités d'être acteur et nous voulons l'accompagner en ce sens.
- Il est essentiel de respecter la liberté individuelle de la personne, ses choix, et lui \
permettre l'autonomie nécessaire à son existence.
- Nous œuvrons pour permettre et favoriser les espaces de liberté et de démocratie nécessaires \
à l'épanouissement de la personne.
- Porter un regard positif sur l'humain, le valoriser, croire en ses capacités, c'est lui donner \
la possibilité de se construire et d'évoluer dignement dans la société.
- Permettre et favoriser le lien social, c'est reconnaître que tout homme en a besoin pour \
exister, c'est combattre l'isolement de la personne et l'aider dans son insertion sociale.
- Mener des actions pour encourager et soutenir les relations humaines, c'est croire aussi que \
le lien social peut resurgir là où on ne l'attend pas forcément.
- Combattre l'indifférence c'est encore se donner les moyens d'un vivre ensemble plus solidaire.

Partageons nos pratiques, échangeons ensemble et menons des actions collectives afin d'amorcer \
un mouvement, une dynamique dans la continuité du travail que nous commençons à élaborer.

Travailler ensemble sur le territoire nous semble absolument nécessaire pour contribuer à \
renforcer la solidarité entre tous les acteurs, rendre notre action plus collective.
""",
    },
    {
        "number": 2,
        "title": "L'utilisateur acteur des actions",
        "body": "Ces valeurs communes doivent placer la personne ou la famille usager au cœur de "
        "toute action.\n",
        "values": [],
        "articles": [
            {
                "number": 1,
                "title": "Faire avec et non à la place de la personne quelle que soit sa "
                "situation, dans les limites des actions et des missions de nos "
                "structures.",
                "body": """\
Nous nous engageons à accueillir et accompagner la personne de façon bienveillante, quelle que \
soit la manière dont elle arrive, que ce soit en toute liberté, par nécessité ou par contrainte. \
Ce qui va se passer dans la « rencontre » est essentiel.

Cependant, il reste la nécessité d'informer l'utilisateur sur les objectifs, les missions et les \
règles de fonctionnement de nos structures qui constituent ou délimitent le cadre de l'action de \
l'utilisateur. Ceci dans l'objectif de lui permettre de trouver sa place (l'utilisateur, le \
résident, l'accueilli…) comme acteur. Selon l'identité de nos organisations la personne pourra \
être acteur de sa propre vie, et/ou participera à un projet collectif, et/ou au fonctionnement \
de la structure.
""",
            },
            {
                "number": 2,
                "title": "Considérer la personne comme un être responsable et soutenir "
                "l'expression et l'émergence de ses capacités.",
                "body": """\
Nous voulons regarder l'autre, y compris s'il est en grande précarité, comme quelqu'un qui a \
quelque chose à nous apporter.

L'accueillant doit favoriser, soutenir et accompagner l'expression des capacités et des \
compétences de l'accueilli et ce dans la limite des ressources actuelles de ce dernier.

Nous voulons favoriser l'émergence de ses compétences.

Dans les limites de l'article 1, il faut proposer à l'utilisateur d'intégrer un projet, une \
structure dans le but d'impulser une dynamique.

Il faut l'aider à construire son idée pour lui permettre de finaliser son projet. Dans ce cadre, \
l'accueillant doit l'aider à repérer ses difficultés, ses vulnérabilités, lui faire prendre \
conscience de ses capacités du moment.
""",
            },
            {
                "number": 3,
                "title": "Respecter le libre choix qu'a la personne de fréquenter ou pas "
                "différentes structures.",
                "body": """\
L'utilisateur n'appartient pas à la structure qui doit savoir passer le relais.

L'utilisateur peut aller chercher dans chaque structure ce dont il a besoin d'où la nécessité \
pour chacune d'entre elles de bien connaître le réseau local pour mieux orienter l'utilisateur \
en fonction de ses besoins.
""",
            },
            {
                "number": 4,
                "title": "Être vigilant à ne pas dériver dans nos pratiques et éviter les abus de pouvoir.",
                "body": """\
Nous nous engageons :

- À ne pas demander plus de pièces administratives ni d'informations que strictement \
nécessaires.
- À informer la personne du possible partage des informations.
- À respecter une éthique et ne pas conserver ou diffuser d'information sur l'utilisateur sans \
son consentement.
- À permettre l'accès de l'utilisateur à son dossier à tout moment.
""",
            },
        ],
        "closing": "",
    },
    {
        "number": 3,
        "title": "Des indicateurs sociaux partagés",
        "body": """\
Pour construire des valeurs communes et mettre l'utilisateur au centre des actions, nous avons \
besoin de la connaissance du travail des différentes associations sur le territoire. Pour y \
parvenir, nous devons identifier le public accueilli et ses problèmes à travers :

**1) Des indicateurs partagés sur des problématiques communes.**

Pour cela, deux orientations :

- Utilisation des rapports d'activité annuels des associations comme source d'information \
partagée :
    - Sur les missions et activités de l'association
    - Sur la structure et le fonctionnement de l'association : rapport bénévoles/salariés, \
temps bénévole…
- Bâtir une fiche simple d'indicateurs communs à partir des rapports d'activité.

Trois types d'indicateurs proposés :

- liés à l'activité générale/nombre d'accueils, de passages, de contacts
- liés aux publics (typologie du public, publics spécifiques)
- liés aux prestations (ateliers linguistiques, illettrisme, repas, aides et secours, activité \
hygiène, de soins)

**2) Des rencontres régulières d'échanges pour présentation actualisée des activités des \
associations et des nouvelles problématiques rencontrées.**

La démarche s'appuiera sur les dispositifs et les groupes de travail existants.

**3) L'élaboration d'un annuaire des ressources locales associatives, mis à disposition des \
acteurs, l'objectif étant de donner un outil aux professionnels et bénévoles pour qu'ils \
puissent orienter, voire accompagner, le public de façon efficiente.**
""",
        "values": [],
        "articles": [],
        "closing": "",
    },
]

_NBSP = "\u00a0"


def french_spacing(text: str) -> str:
    """Non-breaking spaces where French typography wants them: before « : ; ! ? », inside « »."""
    text = re.sub(r" ([:;!?»])", _NBSP + r"\1", text)
    return re.sub(r"« ", "«" + _NBSP, text)
