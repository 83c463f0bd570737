"""French formatting, in one place: numbers (« 1 234,5 »), ordinals (« 1re », « 2e »), dates
(« vendredi 12 mars 2027 »), times (« 14 h 30 »), periods (« vendredi 12 mars 2027, de 14 h à
18 h », « du 2 au 3 février 2024 ») and the parsing of numbers as French users type them
(« 5 100,5 »), counts with their noun (« aucune fiche », « 2 fiches validées ») and names after
« de / à / le » (« d'Épicerie », « à l'Épicerie », « du Mans », « aux Restos »). Pages (template
filters in `portal`), e-mails, PDFs and exports all call these functions.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.utils import timezone

# French typography: a narrow no-break space between thousands, a comma before decimals.
THOUSANDS_SEPARATOR = "\u202f"
NO_BREAK_SPACE = "\u00a0"

DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


# --- Numbers ----------------------------------------------------------------------------------


def format_number(value, decimals: int | None = None, *, separator: str = THOUSANDS_SEPARATOR) -> str:
    """« 1 234,5 ». `decimals=None` keeps the value's own decimals (trailing zeros dropped);
    an integer value prints without a comma. None prints as an empty string."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals)) if decimals else number.quantize(Decimal(1))
    elif number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    else:
        number = number.normalize()
    sign = "−" if number < 0 else ""
    digits = f"{abs(number):f}"
    whole, _, fraction = digits.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = separator.join(groups)
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"


def format_percent(value, decimals: int = 0) -> str:
    """A ratio (0.673) as « 67 % » (no-break space before the sign)."""
    if value is None:
        return ""
    return f"{format_number(Decimal(str(value)) * 100, decimals)}{NO_BREAK_SPACE}%"


def format_ordinal(value, *, feminine: bool = False) -> str:
    """« 1er », « 1re » (feminine: « la 1re position »), « 2e », « 21e »; empty for None."""
    if value is None or value == "":
        return ""
    value = int(value)
    if value == 1:
        return "1re" if feminine else "1er"
    return f"{value}e"


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007]")
_FRENCH_NUMBER = re.compile(r"^[+-]?\d{1,3}( \d{3})*(,\d+)?$|^[+-]?\d+(,\d+)?$")


class NumberFormatError(ValueError):
    """The text is not a number as French users write it; the message says why, in French."""


def parse_number(text: str) -> Decimal:
    """« 5 100 », « 5 100,5 », « 12 500,50 » (any kind of space between thousands), « 3.5 »
    (a point alone is a decimal point) → Decimal. Refuses « 5.100,5 », « 1e9 », « 1 2 »."""
    raw = (text or "").strip()
    if not raw:
        raise NumberFormatError("Saisissez un nombre.")
    spaced = _SPACES.sub(" ", raw)
    if "e" in spaced.lower():
        raise NumberFormatError(f"« {raw} » n'est pas un nombre : écrivez-le en chiffres, sans exposant.")
    if "." in spaced and "," in spaced:
        raise NumberFormatError(
            f"« {raw} » mélange point et virgule : écrivez par exemple 5 100,5 (espaces entre les milliers, "
            "virgule avant les décimales)."
        )
    if "." in spaced:
        if spaced.count(".") > 1 or " " in spaced:
            raise NumberFormatError(f"« {raw} » : les milliers se séparent par une espace, pas par un point.")
        spaced = spaced.replace(".", ",")
    if not _FRENCH_NUMBER.match(spaced):
        raise NumberFormatError(
            f"« {raw} » n'est pas un nombre : chiffres, espaces entre les milliers et une virgule pour les "
            "décimales (ex. 12 500,50)."
        )
    try:
        return Decimal(spaced.replace(" ", "").replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern above already refuses it
        raise NumberFormatError(f"« {raw} » n'est pas un nombre.") from None


# --- Counts ---------------------------------------------------------------------------------


def _plural_word(word: str) -> str:
    if not word or word[-1] in "sxz" or not word[0].isalpha():
        return word
    if word.endswith(("au", "eau", "eu")):
        return word + "x"
    return word + "s"


# Words that never take the plural's « s »; a preposition ends the part that agrees
# (« pratique du réseau » → « pratiques du réseau »).
_INVARIABLE = frozenset({"déjà", "encore", "bien", "très", "non", "pas", "plus", "ne", "et", "ou"})
_PREPOSITIONS = frozenset(
    {"de", "du", "des", "d'", "à", "au", "aux", "en", "sans", "par", "pour", "avec", "sur"}
)


def pluralize_words(singular: str) -> str:
    """« fiche validée » → « fiches validées », « structure déjà relancée » → « structures déjà
    relancées », « pratique du réseau » → « pratiques du réseau », « bureau » → « bureaux »."""
    words = []
    agreeing = True
    for word in singular.split(" "):
        lower = word.lower()
        if lower in _PREPOSITIONS or lower.startswith(("d'", "l'")):
            agreeing = False
        words.append(_plural_word(word) if agreeing and lower not in _INVARIABLE else word)
    return " ".join(words)


def format_count(count, singular: str, plural: str | None = None, *, feminine: bool = False) -> str:
    """A count with its noun as French readers expect it: « aucune fiche validée » (zero reads
    « aucun/aucune » with the singular), « 1 fiche validée », « 25 fiches validées »,
    « 1 234 structures ». `plural` defaults to every word with an « s »."""
    count = int(count or 0)
    if count == 0:
        return f"{'aucune' if feminine else 'aucun'} {singular}"
    if count == 1:
        return f"1 {singular}"
    return f"{format_number(count)} {plural or pluralize_words(singular)}"


# Feminine head nouns of the portal's records (singular), for the agreement of labels built from
# a model's name: « Supprimer les structures sélectionnées », « les services sélectionnés ».
FEMININE_NOUNS = frozenset(
    {
        "action",
        "adhésion",
        "campagne",
        "catégorie",
        "compétence",
        "demande",
        "dimension",
        "édition",
        "étape",
        "fiche",
        "invitation",
        "inscription",
        "journée",
        "mission",
        "modification",
        "page",
        "partie",
        "participation",
        "photo",
        "pratique",
        "proposition",
        "relance",
        "règle",
        "réservation",
        "série",
        "signature",
        "structure",
        "thématique",
        "valeur",
        "ventilation",
        "version",
        "pièce",
        "adresse",
        "donnée",
        "session",
        "salle",
        "tâche",
        "association",
    }
)


def is_feminine(noun_phrase) -> bool:
    """Is the head noun of « fiches d'indicateurs » / « structure » feminine (FEMININE_NOUNS)?"""
    words = str(noun_phrase or "").strip().lower().split()
    if not words:
        return False
    head = words[0].rstrip(",:;")
    return head in FEMININE_NOUNS or (head.endswith(("s", "x")) and head[:-1] in FEMININE_NOUNS)


def starts_with_word(name, word: str) -> bool:
    """Does « Salle Bollée » start with the word « salle » (case ignored, whole word)?"""
    head = str(name or "").strip().split(" ")[0].lower()
    return head == word.strip().lower()


def labelled(kind: str, name, *, quoted: bool = True) -> str:
    """A name behind its kind, without saying the kind twice: (« Atelier », « Cuisine ») →
    « Atelier « Cuisine » », but (« Atelier », « Atelier « Cuisine » ») → « Atelier « Cuisine » »;
    unquoted for places: (« salle », « Bollée ») → « salle Bollée », (« salle », « Salle Bollée »)
    → « Salle Bollée »."""
    name = str(name or "").strip()
    if not name or starts_with_word(name, kind):
        return name
    return f"{kind} « {name} »" if quoted else f"{kind} {name}"


def label_with_detail(label, detail) -> str:
    """« Repas servis (repas) » or « Nombre d'accueils (accueils) » read twice: the detail in
    parentheses (a unit, a code) is added only when the label does not already say it."""
    label, detail = str(label or ""), str(detail or "")
    if not detail or detail.lower() in label.lower():
        return label
    return f"{label} ({detail})"


# --- Names after a preposition -----------------------------------------------------------------

# Words whose « h » is aspirated: no elision before them (« de Halte… », « le Hameau »).
_ASPIRATED_H = (
    "hache",
    "haie",
    "haine",
    "hall",
    "halte",
    "hameau",
    "hamac",
    "hand",
    "hangar",
    "hant",
    "harc",
    "hardi",
    "haricot",
    "harp",
    "hasard",
    "hât",
    "haut",
    "havre",
    "hérisson",
    "hernie",
    "héro",
    "hêtre",
    "hibou",
    "hiérarch",
    "hock",
    "hold",
    "hollan",
    "homard",
    "hongr",
    "honte",
    "hoquet",
    "hors",
    "hot",
    "houill",
    "housse",
    "hublot",
    "huit",
    "hurl",
    "hutte",
)
_VOWELS = "aeiouyàâäéèêëîïôöùûüœæ"
_ARTICLES = {"le": "le", "la": "la", "les": "les", "l'": "l'", "l’": "l'"}
_CONTRACTIONS = {("de", "le"): "du", ("de", "les"): "des", ("à", "le"): "au", ("à", "les"): "aux"}


def _elides(word: str) -> bool:
    """Does a word starting the name take « d' / l' » before it (vowel or mute h)?"""
    lower = word.lower()
    if not lower:
        return False
    if lower[0] in _VOWELS:
        return True
    return lower[0] == "h" and not lower.startswith(_ASPIRATED_H)


def _leading_article(name: str) -> tuple[str, str] | None:
    """« Le Mans » → ("le", "Mans"), « L'Escale » → ("l'", "Escale"); None without an article."""
    for spelling in ("l'", "l’"):
        if name[:2].lower() == spelling and len(name) > 2:
            return "l'", name[2:]
    head, space, rest = name.partition(" ")
    if space and rest and head.lower() in ("le", "la", "les"):
        return head.lower(), rest
    return None


def with_preposition(name, preposition: str) -> str:
    """A name after « de », « à » or the article « le », written as French requires:
    de: « d'Épicerie solidaire », « d'Habitat et Humanisme », « du Mans », « des Restos du cœur »,
    « de la Croix-Rouge », « de l'Escale », « de Secours populaire »;
    à: « à l'Épicerie solidaire » (a name starting with a vowel is a common noun: « Épicerie »,
    « Association », « Atelier »), « au Mans », « aux Restos du cœur », « à la Croix-Rouge »;
    le: « l'Épicerie solidaire », « le Mans » (the name's own article, lowered).
    The name's own article is lowered and contracted (« Le Mans » → « du Mans »); a person's name
    after « à » needs no helper (« à Aïcha Durand »). An empty name gives an empty string."""
    lead, rest = split_preposition(name, preposition)
    return lead + rest


def split_preposition(name, preposition: str) -> tuple[str, str]:
    """`with_preposition` in two parts, the words added and the rest of the name:
    (« d' », « Épicerie »), (« du  », « Mans »); the template filter escapes only the name."""
    name = str(name or "").strip()
    if not name:
        return "", ""
    preposition = preposition.strip().lower()
    if preposition == "a":
        preposition = "à"
    if preposition not in ("de", "à", "le"):
        raise ValueError(f"Préposition inconnue : « {preposition} » (de, à ou le).")
    article = _leading_article(name)
    if article is not None:
        own, rest = article
        own = _ARTICLES[own]
        if preposition == "le":
            return (own if own == "l'" else f"{own} "), rest
        contracted = _CONTRACTIONS.get((preposition, own))
        if contracted:
            return f"{contracted} ", rest
        return (f"{preposition} {own}" if own == "l'" else f"{preposition} {own} "), rest
    if preposition == "de":
        return ("d'" if _elides(name) else "de "), name
    if preposition == "à":
        return ("à l'" if _elides(name) else "à "), name
    return ("l'" if _elides(name) else ""), name


# --- Dates and times --------------------------------------------------------------------------


def _local(value):
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def format_date(value, *, weekday: bool = True, year: bool = True) -> str:
    """« vendredi 12 mars 2027 » (« 1er » for the first of the month)."""
    if value is None:
        return ""
    value = _local(value)
    day = "1er" if value.day == 1 else str(value.day)
    text = f"{day} {MONTHS[value.month - 1]}"
    if year:
        text += f" {value.year}"
    return f"{DAYS[value.weekday()]} {text}" if weekday else text


def format_month(value) -> str:
    """« juin 2027 »."""
    if value is None:
        return ""
    value = _local(value)
    return f"{MONTHS[value.month - 1]} {value.year}"


def format_time(value) -> str:
    """« 14 h », « 9 h 30 »."""
    if value is None:
        return ""
    value = _local(value)
    return f"{value.hour}{NO_BREAK_SPACE}h" + (f"{NO_BREAK_SPACE}{value.minute:02d}" if value.minute else "")


def format_datetime(value) -> str:
    """« vendredi 12 mars 2027 à 14 h »."""
    if value is None:
        return ""
    return f"{format_date(value)} à {format_time(value)}"


def format_period(start, end=None, *, all_day: bool = False) -> str:
    """A period as French readers expect it:
    one day with times « vendredi 12 mars 2027, de 14 h à 18 h »; one whole day « vendredi 12
    mars 2027 »; several days « du 2 au 3 février 2024 », « du 30 janvier au 2 février 2024 »,
    « du 30 décembre 2026 au 2 janvier 2027 » (with times when not all-day: « du vendredi 2
    février 2024 à 9 h au samedi 3 février 2024 à 17 h »)."""
    if start is None:
        return ""
    start = _local(start)
    end = _local(end) if end is not None else None
    start_day = start.date() if isinstance(start, dt.datetime) else start
    end_day = (end.date() if isinstance(end, dt.datetime) else end) if end is not None else start_day
    has_times = isinstance(start, dt.datetime) and not all_day
    if end_day == start_day:
        if not has_times:
            return format_date(start_day)
        if end is None or end == start:
            return f"{format_date(start_day)} à {format_time(start)}"
        return f"{format_date(start_day)}, de {format_time(start)} à {format_time(end)}"
    if has_times:
        return f"du {format_datetime(start)} au {format_datetime(end)}"
    if start_day.year != end_day.year:
        first = format_date(start_day, weekday=False)
    elif start_day.month != end_day.month:
        first = format_date(start_day, weekday=False, year=False)
    else:
        first = "1er" if start_day.day == 1 else str(start_day.day)
    return f"du {first} au {format_date(end_day, weekday=False)}"


def format_age(since, now=None) -> str:
    """How long something has waited: « depuis aujourd'hui », « depuis hier », « depuis 3 jours »,
    « depuis 5 semaines », « depuis 4 mois »."""
    if since is None:
        return ""
    now = now or timezone.now()
    since_day = _local(since).date() if isinstance(since, dt.datetime) else since
    now_day = _local(now).date() if isinstance(now, dt.datetime) else now
    days = max((now_day - since_day).days, 0)
    if days == 0:
        return "depuis aujourd'hui"
    if days == 1:
        return "depuis hier"
    if days < 14:
        return f"depuis {days}{NO_BREAK_SPACE}jours"
    if days < 61:
        return f"depuis {days // 7}{NO_BREAK_SPACE}semaines"
    return f"depuis {days // 30}{NO_BREAK_SPACE}mois"


# --- Evolutions -------------------------------------------------------------------------------


def format_evolution(current, before) -> tuple[str, str]:
    """Year-on-year change as a percentage and the words a screen reader says:
    (1 222 → 400) → (« −67 % », « en baisse de 67 % »); ("", "") when it cannot be computed."""
    if current is None or before in (None, 0):
        return "", ""
    change = (Decimal(str(current)) - Decimal(str(before))) / Decimal(str(before))
    rounded = change.quantize(Decimal("0.01"))
    if rounded == 0:
        return f"0{NO_BREAK_SPACE}%", "stable"
    size = format_percent(abs(rounded))
    return (f"+{size}", f"en hausse de {size}") if rounded > 0 else (f"−{size}", f"en baisse de {size}")


def format_ratio(current, before) -> tuple[str, str]:
    """How many times larger or smaller: (1 222 → 400) → (« ÷ 3,1 », « divisé par 3,1 »),
    (400 → 1 222) → (« × 3,1 », « multiplié par 3,1 »); ("", "") when a side is zero or missing."""
    if not current or not before:
        return "", ""
    current, before = Decimal(str(current)), Decimal(str(before))
    factor = format_number((max(current, before) / min(current, before)).quantize(Decimal("0.1")))
    if current >= before:
        return f"×{NO_BREAK_SPACE}{factor}", f"multiplié par {factor}"
    return f"÷{NO_BREAK_SPACE}{factor}", f"divisé par {factor}"


def format_date_numeric(value) -> str:
    """« 30/11/2026 »: the date as a French spreadsheet reads it in a CSV cell."""
    if value is None:
        return ""
    value = _local(value)
    return f"{value.day:02d}/{value.month:02d}/{value.year}"
