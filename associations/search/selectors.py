"""The directory's forgiving search: folded words, staff synonyms, ranking, suggestions.

Every query word must be found in the structure's folded search text (name, description,
services, thematique and public labels), or one of the word's synonyms must be. Structures
whose name holds the words come first. When nothing matches, « Vouliez-vous dire … ? » offers
the closest words of the indexed vocabulary (difflib, the same on SQLite and PostgreSQL).
The synonyms and the vocabulary are cached under the directory version, so a search costs no
extra query on a cache hit.
"""

from __future__ import annotations

import difflib
import re

from django.core.cache import cache
from django.db import connection
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from associations.structures.cache import TTL, directory_version
from associations.structures.models import Association, Service, Thematique
from associations.structures.taxonomy import PublicationStatus
from solidaire.core.text.search import normalize_search

from .models import SearchSynonym

MAX_SEARCH_WORDS = 8
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def query_words(text: str) -> list[str]:
    """The folded words of a query, at most MAX_SEARCH_WORDS."""
    return normalize_search(text).split()[:MAX_SEARCH_WORDS]


def synonyms_map() -> dict[str, list[str]]:
    """{folded word: [folded expressions]} of the staff-kept synonyms (cached)."""
    key = f"directory:synonyms:{directory_version()}"
    mapping = cache.get(key)
    if mapping is None:
        mapping = {row.term: row.expansion_list for row in SearchSynonym.objects.all()}
        cache.set(key, mapping, TTL)
    return mapping


def word_condition(word: str, *, field: str = "search_text", synonyms: dict[str, list[str]]) -> Q:
    """The word itself or one of its synonyms, one level deep (no chain, so no loop)."""
    condition = Q(**{f"{field}__contains": word})
    for expression in synonyms.get(word, []):
        condition |= Q(**{f"{field}__contains": expression})
    return condition


def search_filter(qs: QuerySet, text: str, *, fuzzy: bool = False, field: str = "search_text") -> QuerySet:
    """Every word of `text` (or a synonym of it) must appear in the folded column. With `fuzzy`
    (PostgreSQL only) a word also matches a close spelling (pg_trgm word similarity)."""
    synonyms = synonyms_map()
    fuzzy = fuzzy and connection.vendor == "postgresql"
    for word in query_words(text):
        condition = word_condition(word, field=field, synonyms=synonyms)
        if fuzzy and len(word) >= 4:
            condition |= Q(**{f"{field}__trigram_word_similar": word})
        qs = qs.filter(condition)
    return qs


def rank_by_name(qs: QuerySet[Association], text: str) -> QuerySet[Association]:
    """Structures whose name holds the query's words (or their synonyms) first, then the
    others; PostgreSQL breaks ties by trigram similarity of the name, both by name."""
    words = query_words(text)
    if not words:
        return qs
    synonyms = synonyms_map()
    hits = sum(
        (
            Case(
                When(word_condition(word, field="search_name", synonyms=synonyms), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
            for word in words
        ),
        Value(0),
    )
    qs = qs.annotate(name_hits=hits)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramSimilarity

        qs = qs.annotate(name_similarity=TrigramSimilarity("search_name", " ".join(words)))
        return qs.order_by("-name_hits", "-name_similarity", "name")
    return qs.order_by("-name_hits", "name")


def vocabulary() -> dict[str, str]:
    """{folded word: word as written} of the published cards (names, summaries, services,
    thematiques) and the synonyms: what a suggestion may propose (cached)."""
    key = f"directory:vocabulary:{directory_version()}"
    words = cache.get(key)
    if words is None:
        words = {}
        texts: list[str] = []
        published = Association.objects.filter(status=PublicationStatus.PUBLISHED)
        for name, summary in published.values_list("name", "summary").iterator():
            texts += [name, summary]
        texts += Service.objects.filter(association__status=PublicationStatus.PUBLISHED).values_list(
            "name", flat=True
        )
        texts += Thematique.objects.values_list("label", flat=True)
        texts += synonyms_map().keys()
        for text in texts:
            for raw in _WORD.findall(text or ""):
                for folded in normalize_search(raw).split():
                    if len(folded) >= 3:
                        words.setdefault(folded, raw.lower() if normalize_search(raw) == folded else folded)
        cache.set(key, words, TTL)
    return words


def suggestion(text: str) -> str | None:
    """The query with each unknown word replaced by the closest known one, or None when no
    word could be improved (« epicrie » → « épicerie »)."""
    words = query_words(text)
    if not words:
        return None
    known = vocabulary()
    synonyms = synonyms_map()
    changed = False
    out = []
    for word in words:
        if word in known or word in synonyms or len(word) < 3:
            out.append(known.get(word, word))
            continue
        close = difflib.get_close_matches(word, known.keys(), n=1, cutoff=0.75)
        if close:
            out.append(known[close[0]])
            changed = True
        else:
            out.append(word)
    return " ".join(out) if changed else None
