"""The directory's forgiving search: folded words, staff synonyms, typos, suggestions.

Every query word must be found in the structure's folded search text (name, description,
services, thematique and public labels), or one of the word's synonyms must be. Structures
whose name holds the words come first (the ranking is the directory index's, `index.py`).
When nothing matches, a word found nowhere also counts as its close spellings from the indexed
vocabulary (« epicerei » finds « épicerie »), and « Vouliez-vous dire … ? » offers them: difflib,
the same on SQLite and PostgreSQL. The synonyms and the vocabulary are cached under the
directory version, so a search costs no extra query on a cache hit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import operator
import re

from django.core.cache import cache
from django.db.models import Q, QuerySet

from associations.structures.cache import TTL, directory_version
from associations.structures.models import Association, Service, Thematique
from associations.structures.taxonomy import PublicationStatus
from solidaire.core.text.search import STOP_WORDS, normalize_search, query_text_words, word_key, word_keys

from .index import SHORT_WORD, Criteria, Listing, directory_index
from .models import MAX_PHRASE_WORDS, SearchSynonym

MAX_SEARCH_WORDS = 8
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def query_words(text: str) -> list[str]:
    """The folded words of a query that a search looks for, at most MAX_SEARCH_WORDS: symbols
    (emoji) and stop words (« de », « la », « aux »…) are left out."""
    return query_text_words(text)[:MAX_SEARCH_WORDS]


def synonyms_map() -> dict[str, list[str]]:
    """{folded word or phrase: [folded expressions]} of the staff-kept synonyms (cached)."""
    key = f"directory:synonyms:{directory_version()}"
    mapping = cache.get(key)
    if mapping is None:
        mapping = {row.term: row.expansion_list for row in SearchSynonym.objects.all()}
        cache.set(key, mapping, TTL)
    return mapping


def synonym_phrases() -> dict[tuple[str, ...], list[str]]:
    """The staff synonyms by the keys (French stems) of their words, stop words left out: the
    synonym « restos » answers « resto », « aide aux devoirs » answers « aides aux devoirs »
    (cached alongside the synonyms)."""
    key = f"directory:synonym-phrases:{directory_version()}"
    phrases = cache.get(key)
    if phrases is None:
        phrases = {}
        for term, expansions in synonyms_map().items():
            words = [word for word in term.split() if word not in STOP_WORDS]
            if words:
                phrases.setdefault(tuple(word_keys(words)), []).extend([term, *expansions])
        cache.set(key, phrases, TTL)
    return phrases


def word_expressions(text: str) -> tuple[tuple[str, ...], ...]:
    """What the query asks for: each folded word, or each run of words that a staff synonym
    names (the longest first), with the expressions that count for it (itself, the synonym's
    term and its meanings). Every item must be found; any of its expressions will do."""
    words = query_words(text)
    if not words:
        return ()
    keys = word_keys(words)
    phrases = synonym_phrases()
    found: list[tuple[str, ...]] = []
    start = 0
    while start < len(words):
        for length in range(min(MAX_PHRASE_WORDS, len(words) - start), 0, -1):
            meanings = phrases.get(tuple(keys[start : start + length]))
            if meanings:
                typed = " ".join(words[start : start + length])
                found.append(tuple(dict.fromkeys([typed, *meanings])))
                start += length
                break
        else:
            found.append((words[start],))
            start += 1
    return tuple(found)


@dataclasses.dataclass(frozen=True)
class Matches:
    pks: list[int]  # best first
    approximate: bool = False  # found only through close spellings of the words


def structures_matching(criteria: Criteria, *, now: dt.datetime) -> Matches:
    """The published structures matching `criteria`, best first (see index.py). When the words
    find nothing, each word of four letters or more that is found nowhere also counts as its
    close spellings (typo tolerance)."""
    index = directory_index()
    found = index.search(criteria, now=now)
    if found or not criteria.words:
        return Matches(found)
    words = tuple(
        expressions
        if len(expressions[0]) < 4 or index.words_found(expressions)
        else (*expressions, *close_words(expressions[0]))
        for expressions in criteria.words
    )
    if words == criteria.words:
        return Matches(found)
    found = index.search(dataclasses.replace(criteria, words=words), now=now)
    return Matches(found, approximate=bool(found))


def listings_of(pks: list[int]) -> list[Listing]:
    """What the result cards show of `pks`, in that order, from the directory index (no query)."""
    return directory_index().listings_of(pks)


def close_words(word: str, *, limit: int = 3) -> list[str]:
    """Folded words of the vocabulary spelt like `word` (« epicerei » → « epicerie »)."""
    return difflib.get_close_matches(word, vocabulary().keys(), n=limit, cutoff=0.75)


def _sql_word(word: str, field: str) -> Q:
    """One folded word in a folded column, as the directory index understands it: a short word
    (CAF) as a whole word; a longer one by its stem when the stem starts it (« epiceries » →
    « epicer »), so that plural and singular meet."""
    if len(word) <= SHORT_WORD:
        return (
            Q(**{field: word})
            | Q(**{f"{field}__startswith": f"{word} "})
            | Q(**{f"{field}__endswith": f" {word}"})
            | Q(**{f"{field}__contains": f" {word} "})
        )
    key = word_key(word)
    return Q(**{f"{field}__contains": key if len(key) >= 4 and word.startswith(key) else word})


def word_condition(expressions: tuple[str, ...], *, field: str = "search_text") -> Q:
    """Any of the expressions, each one all of its words (no expansion chain, so no loop)."""
    condition = Q(pk__in=[])
    for expression in expressions:
        words = [word for word in expression.split() if word not in STOP_WORDS]
        if words:
            condition |= functools.reduce(operator.and_, (_sql_word(word, field) for word in words))
    return condition


def search_filter(qs: QuerySet, text: str, *, field: str = "search_text") -> QuerySet:
    """Every word of `text` (or a synonym of it) must appear in the folded column: the search of
    the other things the search box finds (fiches actions, practices, missions) in SQL."""
    for expressions in word_expressions(text):
        qs = qs.filter(word_condition(expressions, field=field))
    return qs


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
