"""Reading uploaded reference files with bounds: size, encoding, JSON depth, CSV field length,
number of errors. Whatever the bytes, these functions either return data or raise a
ValidationError whose messages are French and name the line (CSV) or the feature (GeoJSON);
they never let a parser's own exception (csv.Error, RecursionError…) reach the request.

Geometries are checked by shapely (GEOS), the reference implementation of the OGC simple
feature rules, after a structural check that gives French messages for the common mistakes."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterator

import shapely
from django.core.exceptions import ValidationError
from shapely.geometry import shape
from shapely.validation import explain_validity

from solidaire.core.text.search import normalize_search

MAX_IMPORT_BYTES = 2_000_000
# Past this many errors the file is not worth reading further (a wrong file, not a few typos):
# stop, and say so. Keeps a 2 MB file of bad lines to a fraction of a second.
MAX_ERRORS = 50
# A reference CSV holds short values; a longer field is a missing quote swallowing lines.
MAX_FIELD_CHARS = 1000
# A GeoJSON FeatureCollection of polygons nests 7 levels (collection, features, feature,
# geometry, polygons, rings, points); anything much deeper is not a contour file.
MAX_JSON_DEPTH = 20
MAX_FEATURES = 5000
MAX_POINTS = 500_000

_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_JSON_BRACKET = re.compile(r"[\[\]{}]")


class TooManyErrors(Exception):
    pass


class ErrorList:
    """Errors gathered while reading, capped at MAX_ERRORS."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def add(self, message: str) -> None:
        self.messages.append(message)
        if len(self.messages) >= MAX_ERRORS:
            raise TooManyErrors

    def __bool__(self) -> bool:
        return bool(self.messages)

    def refusal(self, *, stopped: bool = False) -> ValidationError:
        messages = list(self.messages)
        if stopped:
            messages.append(
                f"Lecture arrêtée après {MAX_ERRORS} erreurs : le reste du fichier n'a pas été vérifié. "
                "Corrigez ces lignes (ou vérifiez qu'il s'agit du bon fichier) puis importez-le à nouveau."
            )
        return ValidationError(messages)


def decode(content: bytes, what: str) -> str:
    """The file as text (UTF-8, else Windows-1252 as spreadsheets save it), size checked first."""
    if len(content) > MAX_IMPORT_BYTES:
        raise ValidationError(
            f"Le fichier {what} dépasse 2 Mo ({len(content) / 1_000_000:.1f} Mo).".replace(".", ",", 1)
        )
    if not content.strip():
        raise ValidationError(f"Le fichier {what} est vide.")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError:
            raise ValidationError(f"Le fichier {what} n'est pas un texte lisible (UTF-8 attendu).") from None
    if "\x00" in text:
        raise ValidationError(f"Le fichier {what} contient des octets nuls : ce n'est pas un fichier texte.")
    return text


# --- CSV -------------------------------------------------------------------------------------


def csv_rows(text: str, errors: ErrorList) -> tuple[list[str], Iterator[tuple[int, dict]]]:
    """The header and an iterator of (line number, row). A line the csv module cannot read (an
    unclosed quote, a field past the limit) is reported with its line and ends the reading:
    after a broken quote the following lines cannot be trusted."""
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader, [])]
    except csv.Error as exc:
        raise ValidationError(f"Ligne 1 : en-tête illisible ({_csv_reason(exc)}).") from None

    def rows() -> Iterator[tuple[int, dict]]:
        while True:
            start = reader.line_num + 1
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                errors.add(
                    f"Ligne {start} : ligne illisible ({_csv_reason(exc)}) ; lecture arrêtée à cette ligne."
                )
                return
            long = next((i for i, v in enumerate(values) if len(v) > MAX_FIELD_CHARS), None)
            if long is not None:
                errors.add(
                    f"Ligne {start} : un champ dépasse {MAX_FIELD_CHARS} caractères "
                    "(guillemet non fermé ?) ; lecture arrêtée à cette ligne."
                )
                return
            if len(values) > len(header):
                errors.add(f"Ligne {start} : {len(values)} colonnes au lieu de {len(header)}.")
                continue
            yield start, dict(zip(header, values, strict=False))

    return header, rows()


def _csv_reason(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger" in text:
        return "un champ est trop long, sans doute un guillemet non fermé"
    if "unexpected end of data" in text or "EOF" in text:
        return "guillemet ouvert et jamais fermé"
    if "delimiter" in text or "quotechar" in text:
        return "guillemet mal placé au milieu d'un champ"
    return "format CSV invalide"


# --- GeoJSON ---------------------------------------------------------------------------------


def json_depth_exceeds(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when the JSON nests deeper than `limit` (strings ignored), checked before parsing so
    that json.loads never recurses on a hostile file."""
    depth = 0
    for match in _JSON_BRACKET.finditer(_JSON_STRING.sub('""', text)):
        if match.group() in "[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def load_feature_collection(text: str) -> list:
    """The `features` of a GeoJSON FeatureCollection, with its overall shape checked."""
    if json_depth_exceeds(text):
        raise ValidationError(
            f"Le fichier imbrique plus de {MAX_JSON_DEPTH} niveaux de crochets ou d'accolades : "
            "ce n'est pas un fichier de contours GeoJSON."
        )
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"Le fichier n'est pas du JSON valide (ligne {exc.lineno}, colonne {exc.colno})."
        ) from None
    except (RecursionError, ValueError) as exc:
        raise ValidationError(f"Le fichier n'est pas du JSON valide ({exc}).") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ValidationError(
            "Le fichier doit être une FeatureCollection GeoJSON (« type » : « FeatureCollection »)."
        )
    features = data.get("features")
    if not isinstance(features, list):
        raise ValidationError("La propriété « features » doit être une liste d'éléments (Feature).")
    if len(features) > MAX_FEATURES:
        raise ValidationError(f"Le fichier compte {len(features)} éléments : {MAX_FEATURES} au plus.")
    return features


def _refuse_constant(name: str):
    raise ValueError(f"valeur « {name} » interdite en JSON")


def feature_code(feature, where: str, errors: ErrorList) -> str | None:
    """The territory named by a feature (`properties.code`), or None after reporting why not."""
    if not isinstance(feature, dict) or feature.get("type") not in ("Feature", None):
        errors.add(f"{where} : ce n'est pas un objet GeoJSON « Feature ».")
        return None
    properties = feature.get("properties")
    if properties is None:
        properties = {}
    if not isinstance(properties, dict):
        errors.add(f'{where} : « properties » doit être un objet (ex. {{"code": "sablons"}}).')
        return None
    code = properties.get("code")
    if isinstance(code, (int, float)) and not isinstance(code, bool):
        code = str(code)
    if not isinstance(code, str) or not code.strip():
        errors.add(f"{where} : propriété « code » absente ou vide.")
        return None
    return code.strip()[:150]


def geometry_problem(geometry, budget: list[int]) -> str | None:
    """Why a geometry is not a usable contour (French), or None. `budget` counts the points
    left for the whole file."""
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return "la géométrie doit être un Polygon ou un MultiPolygon."
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, list) or not coordinates:
        return "la géométrie n'a pas de coordonnées (« coordinates » absent ou vide)."
    polygons = coordinates if geometry["type"] == "MultiPolygon" else [coordinates]
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            return "un polygone doit être une liste de contours."
        for ring in polygon:
            if not isinstance(ring, list):
                return "un contour doit être une liste de points."
            if len(ring) < 4:
                return "un contour a moins de 4 points."
            budget[0] -= len(ring)
            if budget[0] < 0:
                return f"le fichier dépasse {MAX_POINTS:,} points au total.".replace(",", "\u202f")
            for point in ring:
                problem = _point_problem(point)
                if problem:
                    return problem
            if ring[0][:2] != ring[-1][:2]:
                return "un contour n'est pas fermé (le dernier point doit répéter le premier)."
    try:
        geom = shape(geometry)
        valid = geom.is_valid
    except (ValueError, TypeError, shapely.errors.ShapelyError) as exc:
        return f"géométrie illisible ({exc})."
    if not valid:
        return f"géométrie invalide : {_french_validity(explain_validity(geom))}."
    return None


def _point_problem(point) -> str | None:
    if not isinstance(point, list) or len(point) < 2:
        return "un point doit être une liste [longitude, latitude]."
    lon, lat = point[0], point[1]
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (lon, lat)):
        return "coordonnées illisibles (nombres attendus)."
    if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
        return "coordonnées hors limites (longitude, latitude en degrés WGS 84 attendues)."
    return None


_VALIDITY = {
    "Self-intersection": "le contour se recoupe lui-même",
    "Ring Self-intersection": "un contour se recoupe lui-même",
    "Too few points": "trop peu de points distincts",
    "Hole lies outside shell": "un trou sort du contour extérieur",
    "Nested shells": "des polygones sont imbriqués",
    "Interior is disconnected": "l'intérieur est coupé en morceaux",
    "Nested holes": "des trous sont imbriqués",
}


def _french_validity(reason: str) -> str:
    name, _, where = reason.partition("[")
    label = _VALIDITY.get(name.strip(), name.strip())
    return f"{label} (près du point {where.rstrip(']').strip()})" if where else label


# --- Territories named by code or by name ----------------------------------------------------


class TerritoryNames:
    """Finds a territory by its code or its name, ignoring case and accents (« Les Sablons »,
    « les sablons », « sablons »)."""

    def __init__(self, territories) -> None:
        territories = list(territories)
        self.by_code = {t.code.casefold(): t for t in territories}
        self.by_name: dict[str, object] = {}
        self.ambiguous: set[str] = set()
        for territory in territories:
            for key in {normalize_search(territory.code), normalize_search(territory.name)}:
                if key in self.by_name and self.by_name[key] != territory:
                    self.ambiguous.add(key)
                self.by_name.setdefault(key, territory)

    def find(self, text: str):
        """(territory, None) or (None, why in French). A code always wins over a name."""
        exact = self.by_code.get(text.strip().casefold())
        if exact is not None:
            return exact, None
        key = normalize_search(text)
        if key in self.ambiguous:
            return None, f"le nom « {text.strip()} » désigne plusieurs territoires : utilisez leur code"
        found = self.by_name.get(key) if key else None
        if found is None:
            return None, f"territoire inconnu « {text.strip()} »"
        return found, None
