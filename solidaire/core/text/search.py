"""What search compares on: text folded to plain lower-case ASCII words.

Folding is done by `anyascii` (a maintained transliteration table covering every Unicode
block): accents go ("Épicerie" → "epicerie"), ligatures are spelt out ("Cœur" → "coeur",
"Æ" → "ae"), typographic apostrophes and dashes become plain ones. The same function folds the
stored search columns and the query, so both databases compare the same ASCII text.
"""

from __future__ import annotations

import re

from anyascii import anyascii

# Apostrophes and punctuation separate words: "l'épicerie" is the words "l" and "epicerie".
_SEPARATORS = re.compile(r"[^a-z0-9]+")


def normalize_search(text: str) -> str:
    """Lower-case ASCII words separated by single spaces: "L’Épicerie du Cœur" → "l epicerie du coeur"."""
    folded = anyascii(text or "").casefold()
    return _SEPARATORS.sub(" ", folded).strip()


def slugify_fr(text: str, *, max_length: int = 200) -> str:
    """A URL slug from French text, ligatures included: "Les Restos du Cœur" → "les-restos-du-coeur"."""
    return normalize_search(text).replace(" ", "-")[:max_length].strip("-")
