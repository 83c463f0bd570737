"""Demo: the common names people type, as staff would keep them. Idempotent."""

from __future__ import annotations

from solidaire.core.text.search import normalize_search

from .models import SearchSynonym

# Words and phrases people type, what the cards say. Plurals and stop words need no entry
# (« épiceries », « resto » are understood); these are the needs named in other words.
SYNONYMS = {
    "restos": "Restaurants du Cœur, Restos du Cœur",
    "manger": "aide alimentaire, repas",
    "colis": "aide alimentaire",
    "douche": "hygiène, douches",
    "laver": "laverie",
    "linge": "laverie",
    "habits": "vêtements, vestimentaire, vestiboutique",
    "vêtements": "vestimentaire, vestiboutique",
    "papiers": "accès aux droits, démarches administratives",
    "juridique": "accès aux droits",
    "avocat": "accès aux droits",
    "ordinateur": "numérique",
    "informatique": "numérique",
    "internet": "numérique",
    "aide aux devoirs": "accompagnement à la scolarité, soutien scolaire",
    "scolaire": "scolarité",
    "cours": "ateliers, apprentissage",
    "FLE": "français langue étrangère, ateliers linguistiques",
    "logement": "hébergement",
    "dormir": "hébergement, accueil de nuit",
    "SDF": "sans abri, maraude, accueil de jour",
    "bébé": "puériculture, petite enfance, parentalité",
    "médecin": "soins, accès à la santé",
    "soigner": "soins, accès à la santé",
    "travail": "emploi, insertion",
    "solitude": "isolement, lien social",
    "personnes âgées": "séniors",
}


def load(*, stdout) -> None:
    for typed, expansions in SYNONYMS.items():
        term = normalize_search(typed)  # as the model stores it
        synonym = SearchSynonym.objects.filter(term=term).first()
        if synonym is None or synonym.expansions != expansions:
            synonym = synonym or SearchSynonym(term=term)
            synonym.expansions = expansions
            synonym.full_clean()
            synonym.save()
    stdout.write(f"Synonymes de recherche : {len(SYNONYMS)}.")
