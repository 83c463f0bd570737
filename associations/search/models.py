"""What the search knows beyond the cards: the staff-kept synonyms and common names."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from solidaire.core.db import TimeStampedModel
from solidaire.core.text.search import STOP_WORDS, normalize_search

# A staff synonym names a word or a short phrase people type (« aide aux devoirs »).
MAX_PHRASE_WORDS = 4


class SearchSynonym(TimeStampedModel):
    """A word or short phrase people type and what it means in the cards: « restos » →
    « Restaurants du Cœur », « aide aux devoirs » → « accompagnement à la scolarité ». Plurals
    and stop words do not matter (« aides aux devoirs » is the same phrase). A search for the
    term also finds the structures holding any of the expressions. Expansion
    is one level deep (an expression is never expanded again), so no chain can loop at search
    time; the form still refuses a pair that would point back to itself."""

    term = models.CharField(
        "mot tapé", max_length=60, unique=True, help_text="Un mot, ex. « restos », « colis », « douche »."
    )
    expansions = models.CharField(
        "signifie",
        max_length=300,
        help_text="Une ou plusieurs expressions séparées par des virgules, "
        "ex. « Restaurants du Cœur, Restos du Cœur ».",
    )

    class Meta:
        verbose_name = "synonyme de recherche"
        verbose_name_plural = "synonymes de recherche"
        ordering = ["term"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(term=""), name="%(app_label)s_%(class)s_term_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.term} → {self.expansions}"

    @property
    def expansion_list(self) -> list[str]:
        """The folded expressions, without duplicates or the term itself."""
        term = normalize_search(self.term)
        folded = [normalize_search(part) for part in self.expansions.split(",")]
        return list(dict.fromkeys(part for part in folded if part and part != term))

    def clean(self):
        term = normalize_search(self.term)
        errors = {}
        meaningful = [word for word in term.split() if word not in STOP_WORDS]
        if not meaningful:
            errors["term"] = (
                "Indiquez un mot ou une courte expression (lettres ou chiffres), "
                "pas seulement des mots courants comme « de » ou « la »."
            )
        elif len(meaningful) > MAX_PHRASE_WORDS:
            errors["term"] = f"Indiquez une expression d'au plus {MAX_PHRASE_WORDS} mots."
        self.term = term or self.term
        expansions = self.expansion_list
        if not expansions:
            errors["expansions"] = "Indiquez au moins une expression différente du mot tapé."
        elif term:
            # A loop: one of the expressions is a word whose own synonyms lead back to this one.
            others = SearchSynonym.objects.exclude(pk=self.pk).filter(term__in=expansions)
            for other in others:
                if term in other.expansion_list:
                    errors["expansions"] = (
                        f"Boucle de synonymes : « {other.term} » renvoie déjà à « {term} ». "
                        "Gardez un seul sens."
                    )
                    break
        if errors:
            raise ValidationError(errors)
