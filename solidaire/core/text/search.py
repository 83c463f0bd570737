"""What search compares on: text folded to plain lower-case ASCII words.

Folding is done by `anyascii` (a maintained transliteration table covering every Unicode
block): accents go ("Épicerie" → "epicerie"), ligatures are spelt out ("Cœur" → "coeur",
"Æ" → "ae"), typographic apostrophes and dashes become plain ones. The same function folds the
stored search columns and the query, so both databases compare the same ASCII text.
"""

from __future__ import annotations

import re

import Stemmer
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


# --- French words of a query ----------------------------------------------------------------
# Words too common to tell structures apart (folded). Kept short on purpose: « sans » (sans-abri),
# « pas », « plus » or « moins » carry meaning in what people type, so they stay.
_STOP_WORDS = """a au aux avec ce ces d de des du en et l la le les leur leurs ma mes mon n ou par
pour qu que qui s sa se ses son sur ta tes ton un une vos votre y"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

# Emoji, pictographs and other symbols: anyascii spells them as words (« 😀 » → « :grinning: »,
# « 🇫🇷 » → « FR »), which a search must not look for.
_SYMBOLS = re.compile(
    "[\u2190-\u2bff\u2e00-\u2e7f\u3000-\u303f\ufe0e\ufe0f\u200d\U0001f000-\U0001faff\U000e0000-\U000e007f]"
)

_stemmer = Stemmer.Stemmer("french")


def query_text_words(text: str) -> list[str]:
    """The folded words of what someone typed, symbols and stop words left out:
    « Les épiceries 🛒 de la ville » → ["epiceries", "ville"]."""
    folded = normalize_search(_SYMBOLS.sub(" ", text or ""))
    return [word for word in folded.split() if word not in STOP_WORDS]


def word_key(word: str) -> str:
    """What a folded word shares with its plural and its family: its French Snowball stem,
    with a final « s » or « x » the stemmer left taken off too (it cuts « sociaux » to
    « social » but leaves « restos » whole): « epiceries », « epicerie » → « epicer »;
    « restos », « resto » → « resto »."""
    return word_keys([word])[0]


def word_keys(words: list[str]) -> list[str]:
    """`word_key` of many words at once (the stemmer's C loop)."""
    keys = _stemmer.stemWords(words)
    for n, key in enumerate(keys):
        if len(key) > 3 and key[-1] in "sx":
            keys[n] = _stemmer.stemWord(key[:-1])
    return keys
