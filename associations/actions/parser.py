"""Parser for the social centres' "fiches actions" text export. Pure: text in, data out.

The export is a flat text file, one entry per action:

    Actions "Titre de l'action"
    DESCRIPTION DE L'ACTION            <- section heading (ignored)
    - Statut de l'action               <- a label ("- " + a known label)
    - En cours                         <- its value, as a bullet
    - Résumé
    Free text, several lines…          <- or as free text

Real exports have quirks, all handled here: entries repeated verbatim, a label glued to the end
of the previous value ("…dernière phrase.- Territoire concerné"), empty values, stray quotes in
the title, labels repeated inside one entry. Whatever cannot be read is reported with its line
number and skipped; the rest is still returned. The labels and conventions are in format.py.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from .format import (
    ENTRY_START,
    FIELD_KINDS,
    FILE_HEADER_KEYS,
    GARBAGE,
    GLUED,
    GLUED_HEADER,
    LABEL_BY_KEY,
    MAX_TERM_LENGTH,
    MAX_TITLE_LENGTH,
    MULTI,
    SECTION_KEYS,
    STATUS_VALUES,
    SUBHEADING,
    TEXT,
    clean_title,
    label_key,
    name_label,
    normalize_key_text,
    split_structure,
    status_code,
)

__all__ = [
    "ActionsFileError",
    "ParseResult",
    "ParsedAction",
    "Problem",
    "clean_title",
    "decode",
    "parse_actions",
    "split_structure",
    "status_code",
]


class ActionsFileError(Exception):
    """The file cannot be read at all (encoding): nothing is imported."""


@dataclass
class Problem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"ligne {self.line} : {self.message}"


@dataclass
class ParsedAction:
    line: int
    title: str
    values: dict = field(default_factory=dict)
    # Lines where each field starts, to point problems at the right line.
    field_lines: dict = field(default_factory=dict)
    value_lines: dict = field(default_factory=dict)

    def get(self, name: str):
        default = [] if FIELD_KINDS.get(name) == MULTI else ""
        return self.values.get(name, default)

    @property
    def structure_name(self) -> str:
        return split_structure(self.get("structure"))[0]

    @property
    def structure_department(self) -> str:
        return split_structure(self.get("structure"))[1]

    @property
    def natural_key(self) -> str:
        """Same title, same organising structure -> same action, whatever the spelling noise."""
        basis = normalize_key_text(self.title) + "|" + normalize_key_text(self.structure_name)
        return hashlib.sha256(basis.encode()).hexdigest()

    @property
    def content_hash(self) -> str:
        """Changes when anything imported changes: tells "updated" from "unchanged"."""
        payload = json.dumps({"title": self.title, **self.values}, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()


@dataclass
class ParseResult:
    actions: list[ParsedAction] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # (line of the repeated entry, line of the first one): verbatim repeats, merged silently.
    duplicates: list[tuple[int, int]] = field(default_factory=list)


def decode(data: bytes) -> str:
    """Bytes -> text, or a clear French error naming the first undecodable line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ActionsFileError(
            f"Le fichier n'est pas un texte UTF-8 lisible (octet invalide ligne {line}). "
            "Enregistrez-le en « UTF-8 » depuis votre tableur ou éditeur, puis recommencez."
        ) from None


def _split_lines(text: str) -> list[str]:
    # Only newlines end a line (str.splitlines also cuts at form feeds and other separators,
    # which would shift every line number from what an editor shows).
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _split_glued(lines: list[str]) -> list[tuple[int, str]]:
    """Number the lines and cut '…texte.- Territoire concerné' into two lines."""
    result: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        line = line.replace("\u00a0", " ").replace("\ufeff", "").rstrip()
        header = GLUED_HEADER.match(line) if line else None
        if header and _is_boundary(header["before"]):
            # '- Fichier(s) associé(s)Actions "Titre"': the next entry starts here. Only after a
            # label or a heading: in free text, 'nos Actions "X"' must stay text.
            result.append((number, header["before"]))
            result.append((number, header["header"]))
            continue
        match = GLUED.match(line) if line else None
        before = match["before"].strip() if match else ""
        if match and before not in {"", "-"} and not _is_label(line):
            result.append((number, before))
            result.append((number, match["label"] or match["section"]))
        else:
            result.append((number, line))
    return result


def _bullet(line: str) -> str | None:
    """The text of a '- item' line ('' for a lone '-'), None when the line is not a bullet."""
    stripped = line.strip()
    if stripped == "-":
        return ""
    if stripped.startswith("- ") or (
        stripped.startswith("-") and len(stripped) > 1 and not stripped[1].isdigit() and stripped[1] != "-"
    ):
        return stripped[1:].strip()
    return None


def _is_label(line: str) -> bool:
    text = _bullet(line)
    return text is not None and label_key(text) in LABEL_BY_KEY


def _is_boundary(line: str) -> bool:
    """A label, a section heading or a lone dash: what may precede a glued entry header."""
    stripped = line.strip()
    return (
        stripped == "-"
        or _is_label(stripped)
        or (label_key(stripped) in SECTION_KEYS and stripped == stripped.upper())
    )


class _EntryBuilder:
    """Accumulates one entry's lines into fields."""

    def __init__(self, line: int, raw_title: str, problems: list[Problem]):
        self.action = ParsedAction(line=line, title=clean_title(raw_title))
        self.problems = problems
        self.current: str | None = None  # field being read; "" = an unknown label's content
        self.texts: dict[str, list[str]] = {}
        self.repeat_buffer: list[str] | None = None
        self.lines: list[tuple[int, str]] = []  # raw content, to spot verbatim repeats

    def start_field(self, number: int, name: str) -> None:
        self._close_field()
        self.current = name
        kind = FIELD_KINDS[name]
        if name in self.action.field_lines:
            # A label repeated in one entry ("Territoire concerné" twice): read it again,
            # compare when it ends.
            self.repeat_buffer = []
            self.repeat_line = number
        else:
            self.action.field_lines[name] = number
            if kind == TEXT:
                self.texts[name] = []
            elif kind == MULTI:
                self.action.values[name] = []
            else:
                self.action.values[name] = ""

    def add(self, number: int, line: str) -> None:
        name = self.current
        if name == "":
            return  # content of an unknown label, reported once at the label
        if name is None:
            if line.strip():
                self.problems.append(
                    Problem(
                        number,
                        f"texte hors rubrique dans la fiche "
                        f"« {self.action.title} », ignoré : "
                        f"« {_shorten(line)} »",
                    )
                )
            return
        kind = FIELD_KINDS[name]
        if self.repeat_buffer is not None:
            self.repeat_buffer.append(line)
            return
        if kind == TEXT:
            self.texts[name].append(line)
            return
        item = _bullet(line)
        if item is None:
            if not line.strip() or (kind == MULTI and SUBHEADING.match(line.strip())):
                return
            item = line.strip()  # a value written without its dash
        if not item:
            return  # the lone "-" that opens a list
        item = " ".join(item.split())
        if kind == MULTI:
            if len(item) > MAX_TERM_LENGTH:
                self.problems.append(
                    Problem(number, f"valeur trop longue pour une liste, ignorée : « {_shorten(item)} »")
                )
            elif item not in self.action.values[name]:
                self.action.values[name].append(item)
        elif not self.action.values[name]:
            self.action.values[name] = item
            self.action.value_lines[name] = number
        else:
            self.problems.append(
                Problem(number, f"rubrique inconnue ou valeur en trop, ignorée : « {_shorten(item)} »")
            )
            self.current = ""

    def unknown_label(self, number: int, text: str) -> None:
        self._close_field()
        self.problems.append(
            Problem(
                number,
                f"rubrique inconnue « {_shorten(text)} » dans la fiche « {self.action.title} », ignorée",
            )
        )
        self.current = ""

    def section(self) -> None:
        self._close_field()
        self.current = None

    def _close_field(self) -> None:
        if self.repeat_buffer is None or not self.current:
            self.repeat_buffer = None
            return
        name, buffer, self.repeat_buffer = self.current, self.repeat_buffer, None
        kind = FIELD_KINDS[name]
        if kind == TEXT:
            again = "\n".join(buffer).strip()
            first = "\n".join(self.texts[name]).strip()
            if again and again != first:
                self.texts[name].extend(["", *buffer])
            return
        items = [" ".join(i.split()) for i in (_bullet(x) for x in buffer) if i]
        if kind == MULTI:
            for item in items:
                if item not in self.action.values[name]:
                    self.action.values[name].append(item)
        elif items and self.action.values[name] and items[0] != self.action.values[name]:
            self.problems.append(
                Problem(
                    self.repeat_line,
                    f"« {name_label(name)} » répété "
                    f"avec une autre valeur (« {_shorten(items[0])} »), "
                    f"la première est gardée",
                )
            )
        elif items and not self.action.values[name]:
            self.action.values[name] = items[0]

    def finish(self) -> ParsedAction:
        self._close_field()
        for name, lines in self.texts.items():
            text = "\n".join(lines).strip()
            self.action.values[name] = "" if text == "-" else text
        return self.action


def _shorten(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def parse_actions(text: str) -> ParseResult:
    """Read every entry of an export. Never raises on content: problems carry line numbers."""
    result = ParseResult()
    builder: _EntryBuilder | None = None
    entries: list[_EntryBuilder] = []

    for number, line in _split_glued(_split_lines(text)):
        stripped = line.strip()
        key = label_key(stripped)
        if GARBAGE.search(line):
            result.problems.append(Problem(number, "ligne illisible (caractères de contrôle), ignorée"))
            continue
        if key in FILE_HEADER_KEYS:
            continue  # the export's title, printed again at each page break
        if ENTRY_START.match(line):
            builder = _EntryBuilder(number, stripped, result.problems)
            entries.append(builder)
            continue
        if builder is None:
            if stripped:
                result.problems.append(
                    Problem(number, f"texte avant la première fiche, ignoré : « {_shorten(stripped)} »")
                )
            continue
        builder.lines.append((number, line))
        if key in SECTION_KEYS and stripped == stripped.upper():
            builder.section()
            continue
        bullet = _bullet(line)
        bullet_key = label_key(bullet) if bullet else ""
        if bullet is not None and bullet_key in LABEL_BY_KEY:
            builder.start_field(number, LABEL_BY_KEY[bullet_key][0])
        elif bullet and builder.current is None:
            builder.unknown_label(number, bullet)
        else:
            builder.add(number, line)

    seen: dict[str, tuple[ParsedAction, list[str]]] = {}
    for entry in entries:
        action = entry.finish()
        body = [line for _, line in entry.lines]
        if not action.title:
            result.problems.append(Problem(action.line, "fiche sans titre, ignorée"))
            continue
        if len(action.title) > MAX_TITLE_LENGTH:
            result.problems.append(
                Problem(action.line, f"titre de plus de {MAX_TITLE_LENGTH} caractères, fiche ignorée")
            )
            continue
        if not action.structure_name:
            result.problems.append(
                Problem(action.line, f"fiche « {action.title} » sans structure organisatrice, ignorée")
            )
            continue
        status = action.get("status")
        if status and label_key(status) not in STATUS_VALUES:
            result.problems.append(
                Problem(
                    action.value_lines.get("status", action.line),
                    f"statut inconnu « {_shorten(status)} » pour « {action.title} », laissé vide",
                )
            )
            action.values["status"] = ""
        previous = seen.get(action.natural_key)
        if previous:
            first, first_body = previous
            if first_body == body or first.content_hash == action.content_hash:
                result.duplicates.append((action.line, first.line))
            else:
                result.problems.append(
                    Problem(
                        action.line,
                        f"la fiche « {action.title} » "
                        f"apparaît déjà ligne {first.line} avec un "
                        "contenu différent : seule la première est "
                        "importée",
                    )
                )
            continue
        seen[action.natural_key] = (action, body)
        result.actions.append(action)
    result.problems.sort(key=lambda problem: problem.line)
    return result
