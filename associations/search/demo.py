"""Demo: the common names people type, as staff would keep them. Idempotent."""

from __future__ import annotations

from .models import SearchSynonym

SYNONYMS = {
    "restos": "Restaurants du Cœur, Restos du Cœur",
    "manger": "aide alimentaire, repas",
    "colis": "aide alimentaire",
    "douche": "hygiène, douches",
    "laver": "laverie",
    "habits": "vêtements, vestiboutique",
    "papiers": "accès aux droits, démarches administratives",
    "ordinateur": "numérique",
}


def load(*, stdout) -> None:
    for term, expansions in SYNONYMS.items():
        synonym = SearchSynonym.objects.filter(term=term).first()
        if synonym is None or synonym.expansions != expansions:
            synonym = synonym or SearchSynonym(term=term)
            synonym.expansions = expansions
            synonym.full_clean()
            synonym.save()
    stdout.write(f"Synonymes de recherche : {len(SYNONYMS)}.")
