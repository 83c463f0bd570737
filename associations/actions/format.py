"""The "fiches actions" export format: its labels, headings and value conventions.

Kept apart from the parser so the format can be read (and extended) in one place."""

from __future__ import annotations

import re
import unicodedata

# Field kinds: one value from a bullet, several values from bullets, or free text.
SINGLE, MULTI, TEXT = "single", "multi", "text"

# Lookup labels longer than this are not a keyword/public/partner but a misplaced paragraph.
MAX_TERM_LENGTH = 150
MAX_TITLE_LENGTH = 300

# Label (as printed in the export) -> (field name, kind).
LABELS: dict[str, tuple[str, str]] = {
    "Statut de l'action": ("status", SINGLE),
    "Raisons pour lesquelles l'action est terminée": ("end_reasons", TEXT),
    "Dimension": ("dimensions", MULTI),
    "Mots clés associés à l'action": ("keywords", MULTI),
    "Résumé": ("summary", TEXT),
    "Structure organisatrice": ("structure", SINGLE),
    "Qui est à l'initiative de l'action ?": ("initiatives", MULTI),
    "Précision ( si autre )": ("initiative_other", TEXT),
    "Description de l'expérience, ses objectifs, ses acteurs et ses différentes phases.": (
        "experience",
        TEXT,
    ),
    "Territoire concerné": ("territory", SINGLE),
    "Public": ("publics", MULTI),
    "Avec qui cette action a-t-elle été menée ?": ("partners", MULTI),
    "Description générale": ("general_description", TEXT),
    "Ressources financières mobilisées pour cette action": ("financial_resources", TEXT),
    "Nombre de personnes mobilisés pour cette action": ("people_involved", TEXT),
    "Résultat sur le territoire": ("result_territory", TEXT),
    "Résultat pour le centre social": ("result_centre", TEXT),
    "Résultat pour les habitants": ("result_inhabitants", TEXT),
    "Suite de l'action : Limites": ("limits", TEXT),
    "Suite de l'action : Perspectives": ("perspectives", TEXT),
    "Fichier(s) associé(s)": ("files", TEXT),
}
SECTIONS = [
    "DESCRIPTION DE L'ACTION",
    "RAISON D'ETRE DE L' ACTION",
    "METHODOLOGIE DE L' ACTION",
    "AUTO-EVALUATION DE L’ACTION",
    "FICHIERS ASSOCIES",
]
FILE_HEADERS = ["Les actions des centres sociaux"]
# Sub-headings printed inside a list ("Partenaires d'action:"): not values.
SUBHEADING = re.compile(r"^[^-].{0,80}:\s*$")

FIELD_KINDS = dict(LABELS.values())
STATUS_VALUES = {
    "encours": "en_cours",
    "terminee": "terminee",
    "enprojet": "en_projet",
    "avenir": "en_projet",
    "suspendue": "suspendue",
}

ENTRY_START = re.compile(r"^\s*Actions?\s*[\"“«]")
STRUCTURE_SPLIT = re.compile(r"^(?P<name>.*\S)\s+[-–—]\s+(?P<department>\S.*)$")
QUOTES_OPEN = '"“«'
QUOTES_CLOSE = '"”»'
# Control characters (other than tab) mean a corrupted line, not text.
GARBAGE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffd]")


def label_key(text: str) -> str:
    """Compare labels without accents, case, spaces or punctuation ("Précision ( si autre )")."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]", "", plain)


def normalize_key_text(text: str) -> str:
    """Accent/case/spacing-free form used in natural keys: stable across re-exports."""
    return " ".join(label_key(word) for word in text.split() if label_key(word))


LABEL_BY_KEY = {label_key(label): value for label, value in LABELS.items()}
SECTION_KEYS = {label_key(section) for section in SECTIONS}
FILE_HEADER_KEYS = {label_key(header) for header in FILE_HEADERS}


def _glue_pattern() -> re.Pattern:
    # A known label (or section heading) stuck to the end of a non-empty line, after a dash.
    def flexible(text: str) -> str:
        parts = [re.escape(part) for part in text.split()]
        return r"\s*".join(re.sub("['’]", "['’]", part) for part in parts)

    labels = "|".join(flexible(label) for label in sorted(LABELS, key=len, reverse=True))
    sections = "|".join(flexible(section) for section in SECTIONS)
    # Labels in any case; section headings only in capitals, so that a sentence ending in
    # "…fichiers associés" is not cut.
    return re.compile(rf"^(?P<before>.*\S)\s*(?:(?P<label>-\s*(?i:{labels}))|(?P<section>{sections}))\s*$")


GLUED = _glue_pattern()
GLUED_HEADER = re.compile(r"^(?P<before>.*\S)\s*(?P<header>Actions?\s*[\"“«].*)$")


def split_structure(value: str) -> tuple[str, str]:
    """'CENTRE SOCIOCULTUREL COIN DE LA RUE - Maine-et-Loire' -> (name, department).

    Splits at the last dash surrounded by spaces, so dashes inside the name
    ("LEO LAGRANGE OUEST – LES HAUTS…") or the department ("Maine-et-Loire") are kept."""
    value = " ".join((value or "").split())
    match = STRUCTURE_SPLIT.match(value)
    if match and not any(ch.isdigit() for ch in match["department"]) and len(match["department"]) <= 40:
        return match["name"].strip(), match["department"].strip()
    return value, ""


def clean_title(raw: str) -> str:
    """The text after 'Actions', without its quotes, stray ones included ('Défi Mode""')."""
    title = raw.strip()
    title = re.sub(r"^Actions?\s*", "", title)
    if title[:1] in QUOTES_OPEN:
        title = title[1:]
    title = title.rstrip().rstrip(QUOTES_CLOSE).strip()
    title = title.lstrip(QUOTES_OPEN).strip()
    if title.count('"') % 2:  # 'Le "Café""' lost its closing quote above
        title += '"'
    return " ".join(title.split())


def name_label(name: str) -> str:
    return next(label for label, (field_name, _) in LABELS.items() if field_name == name)


def status_code(value: str) -> str:
    """'En cours' -> 'en_cours' (the model's choice), '' when unknown or empty."""
    return STATUS_VALUES.get(label_key(value or ""), "")
