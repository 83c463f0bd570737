"""What search compares on: text folded to lower case without accents."""

from __future__ import annotations

import unicodedata


def normalize_search(text: str) -> str:
    """Lower-case, accents removed: what search compares on ("Épicerie" → "epicerie")."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()
