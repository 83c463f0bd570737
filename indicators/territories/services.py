"""Writes of the reference data: the CSV import of reference indicators and the GeoJSON import of
contours. Both check every line first and import nothing when one is wrong: the errors come back
by line (CSV) or by feature (GeoJSON), in French."""

from __future__ import annotations

import csv
import io
import json

from django.core.exceptions import ValidationError
from django.db import transaction

from associations.structures.taxonomy import Quartier
from solidaire.core.text.french import NumberFormatError, parse_number

from .models import ReferenceIndicator, ReferenceValue, Territory, TerritoryKind

CSV_COLUMNS = ["territoire", "indicateur", "annee", "valeur", "source", "licence"]
MAX_IMPORT_BYTES = 2_000_000
PERCENT_INDICATORS = {c for c in ReferenceIndicator if c != ReferenceIndicator.POPULATION}


def _decode(content: bytes, what: str) -> str:
    if len(content) > MAX_IMPORT_BYTES:
        raise ValidationError(f"Le fichier {what} dépasse 2 Mo.")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return content.decode("cp1252")
        except UnicodeDecodeError:
            raise ValidationError(f"Le fichier {what} n'est pas un texte lisible (UTF-8 attendu).") from None


def _reader(text: str) -> csv.DictReader:
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    return csv.DictReader(io.StringIO(text), delimiter=delimiter)


def _check_row(row: dict, line: int, territories: dict[str, Territory], seen: dict) -> tuple[list, dict]:
    errors = []
    code = (row.get("territoire") or "").strip()
    indicator = (row.get("indicateur") or "").strip()
    territory = territories.get(code)
    if not code:
        errors.append(f"Ligne {line} : le code du territoire est vide.")
    elif territory is None:
        errors.append(f"Ligne {line} : territoire inconnu « {code} ».")
    if indicator not in ReferenceIndicator.values:
        known = ", ".join(ReferenceIndicator.values)
        errors.append(f"Ligne {line} : indicateur inconnu « {indicator} » (attendus : {known}).")
    year_text = (row.get("annee") or "").strip()
    year = int(year_text) if year_text.isdigit() and len(year_text) == 4 else None
    if year is None:
        errors.append(f"Ligne {line} : l'année « {year_text} » n'est pas une année à 4 chiffres.")
    value = None
    try:
        value = parse_number(row.get("valeur") or "")
    except NumberFormatError as exc:
        errors.append(f"Ligne {line} : valeur « {row.get('valeur') or ''} » refusée : {exc}")
    if value is not None and value < 0:
        errors.append(f"Ligne {line} : la valeur ne peut pas être négative.")
    if value is not None and indicator in PERCENT_INDICATORS and value > 100:
        errors.append(f"Ligne {line} : un pourcentage ne peut pas dépasser 100.")
    for column in ("source", "licence"):
        if not (row.get(column) or "").strip():
            errors.append(f"Ligne {line} : la colonne « {column} » est vide.")
    key = (code, indicator, year)
    if not errors:
        if key in seen:
            errors.append(f"Ligne {line} : doublon de la ligne {seen[key]} ({code}, {indicator}, {year}).")
        seen[key] = line
    clean = {
        "territory": territory,
        "indicator": indicator,
        "year": year,
        "value": value,
        "source": (row.get("source") or "").strip()[:200],
        "licence": (row.get("licence") or "").strip()[:120],
    }
    return errors, clean


@transaction.atomic
def reference_values_import(*, content: bytes, user=None, is_demo: bool = False) -> int:
    """Import reference indicators from a CSV (columns territoire, indicateur, annee, valeur,
    source, licence; « ; » or « , »). A (territory, indicator, year) already known is updated.
    Raises ValidationError listing every wrong line; nothing is imported then. Returns the
    number of lines imported."""
    reader = _reader(_decode(content, "CSV"))
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ValidationError(
            f"Colonne(s) manquante(s) : {', '.join(missing)}. En-tête attendu : {';'.join(CSV_COLUMNS)}."
        )
    territories = {t.code: t for t in Territory.objects.all()}
    errors, rows, seen = [], [], {}
    for line, row in enumerate(reader, start=2):
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue  # a blank line
        row_errors, clean = _check_row(row, line, territories, seen)
        errors += row_errors
        rows.append(clean)
    if errors:
        raise ValidationError(errors)
    if not rows:
        raise ValidationError("Le fichier ne contient aucune ligne de données.")
    for clean in rows:
        value, _ = ReferenceValue.objects.get_or_create(
            territory=clean["territory"],
            indicator=clean["indicator"],
            year=clean["year"],
            defaults={"value": clean["value"], "source": clean["source"], "licence": clean["licence"]},
        )
        value.value = clean["value"]
        value.source = clean["source"]
        value.licence = clean["licence"]
        value.is_demo = is_demo
        if user is not None and user.is_authenticated:
            value.imported_by = user
        value.full_clean()
        value.save()
    return len(rows)


def _check_geometry(geometry, where: str) -> list[str]:
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return [f"{where} : la géométrie doit être un Polygon ou un MultiPolygon."]
    polygons = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry.get("coordinates")]
    )
    try:
        for polygon in polygons:
            for ring in polygon:
                if len(ring) < 4:
                    return [f"{where} : un contour a moins de 4 points."]
                for lon, lat, *_ in ring:
                    if not (-180 <= float(lon) <= 180 and -90 <= float(lat) <= 90):
                        return [f"{where} : coordonnées hors limites (longitude, latitude attendues)."]
    except (TypeError, ValueError):
        return [f"{where} : coordonnées illisibles."]
    return []


@transaction.atomic
def territory_contours_import(*, content: bytes) -> int:
    """Attach contours to known territories from a GeoJSON FeatureCollection (WGS 84), each
    feature naming its territory in `properties.code`. Raises ValidationError listing every
    wrong feature; nothing is imported then. Returns the number of contours set."""
    try:
        data = json.loads(_decode(content, "GeoJSON"))
    except json.JSONDecodeError as exc:
        raise ValidationError(f"Le fichier n'est pas du JSON valide (ligne {exc.lineno}).") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ValidationError("Le fichier doit être une FeatureCollection GeoJSON.")
    territories = {t.code: t for t in Territory.objects.all()}
    errors, updates = [], []
    for index, feature in enumerate(data.get("features") or [], start=1):
        properties = (feature or {}).get("properties") or {}
        code = str(properties.get("code") or "").strip()
        where = f"Élément {index}" + (f" (« {code} »)" if code else "")
        if code not in territories:
            errors.append(
                f"{where} : territoire inconnu." if code else f"{where} : propriété « code » absente."
            )
            continue
        problems = _check_geometry(feature.get("geometry"), where)
        errors += problems
        if not problems:
            updates.append((territories[code], feature["geometry"]))
    if errors:
        raise ValidationError(errors)
    if not updates:
        raise ValidationError("Le fichier ne contient aucun contour.")
    for territory, geometry in updates:
        territory.contour = geometry
        territory.full_clean()
        territory.save()
    return len(updates)


@transaction.atomic
def territories_create_quartiers() -> int:
    """One territory per quartier of the directory (Le Mans only); returns how many were created."""
    created = 0
    for quartier in Quartier:
        if quartier == Quartier.HORS_LE_MANS:
            continue
        _, was_created = Territory.objects.get_or_create(
            code=quartier.value,
            defaults={"name": quartier.label, "kind": TerritoryKind.QUARTIER, "quartier": quartier.value},
        )
        created += was_created
    return created
