"""Demo: a few volunteer missions of the demo structures. Idempotent."""

from __future__ import annotations

from associations.structures.models import Association
from solidaire.core.text.french import format_count

from .models import VolunteerMission, VolunteerSkill

MISSIONS = [
    {
        "association": "epicerie-solidaire-des-sablons",
        "title": "Accueil et tenue de caisse à l'épicerie",
        "description": "Accueillir les personnes orientées par les travailleurs sociaux, tenir la "
        "caisse, aider à la mise en rayon. Une formation courte est assurée par "
        "l'équipe.",
        "skills": ["Accueil", "Caisse", "Travail en équipe"],
        "time_commitment": "Une demi-journée par semaine",
        "quartier": "sablons",
    },
    {
        "association": "restos-du-coeur-sarthe",
        "title": "Distribution alimentaire du mardi",
        "description": "Préparer les colis et participer à la distribution, dans la bonne humeur.",
        "skills": ["Logistique", "Accueil"],
        "time_commitment": "Le mardi de 13 h 30 à 17 h",
        "quartier": "pontlieue",
    },
    {
        "association": "secours-catholique-le-mans",
        "title": "Animer un atelier de conversation en français",
        "description": "Animer en binôme un atelier de conversation pour des adultes qui "
        "apprennent le français. Aucune formation d'enseignant n'est requise.",
        "skills": ["Animation", "Français langue étrangère"],
        "time_commitment": "2 heures par semaine, hors vacances scolaires",
        "quartier": "vieux-mans",
    },
    {
        "association": "maison-de-quartier-bellevue",
        "title": "Accompagnement à la scolarité",
        "description": "Aider des collégiens à faire leurs devoirs et à s'organiser, en lien "
        "avec l'animatrice famille du centre social.",
        "skills": ["Accompagnement scolaire", "Écoute"],
        "time_commitment": "1 à 2 soirs par semaine, de 17 h à 18 h 30",
        "quartier": "bellevue-carnac",
    },
    {
        "association": "croix-rouge-le-mans",
        "title": "Maraude du soir",
        "description": "Aller à la rencontre des personnes à la rue avec une équipe formée : "
        "boisson chaude, écoute, orientation.",
        "skills": ["Écoute", "Conduite"],
        "time_commitment": "Un soir toutes les deux semaines",
        "quartier": "centre",
    },
]


def load(*, stdout) -> None:
    structures = Association.objects.in_bulk(
        [mission["association"] for mission in MISSIONS], field_name="slug"
    )
    created = 0
    for data in MISSIONS:
        data = dict(data)
        association = structures.get(data.pop("association"))
        if association is None:
            continue  # the directory demo was not loaded first
        skills = data.pop("skills")
        mission, was_created = VolunteerMission.objects.get_or_create(
            association=association, title=data.pop("title"), defaults=data
        )
        if was_created:
            mission.skills.set([VolunteerSkill.get_for_label(label) for label in skills])
            created += 1
    stdout.write(
        f"Bénévolat : {format_count(created, 'mission créée', feminine=True)}, "
        f"{VolunteerMission.objects.count()} au total."
    )
