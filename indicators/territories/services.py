"""Writes of the reference data: the CSV import of reference indicators and the GeoJSON import of
contours. Both check every line first and import nothing when one is wrong: the errors come back
by line (CSV) or by feature (GeoJSON), in French; `parsing` reads the files with bounds."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from associations.structures.taxonomy import Quartier
from solidaire.core.text.french import NumberFormatError, parse_number

from . import parsing
from .models import ReferenceIndicator, ReferenceValue, Territory, TerritoryKind

CSV_COLUMNS = ["territoire", "indicateur", "annee", "valeur", "source", "licence"]
MAX_IMPORT_BYTES = parsing.MAX_IMPORT_BYTES
PERCENT_INDICATORS = {c for c in ReferenceIndicator if c != ReferenceIndicator.POPULATION}


def _check_row(row: dict, line: int, names: parsing.TerritoryNames, seen: dict) -> tuple[list, dict]:
    errors = []
    code = (row.get("territoire") or "").strip()
    indicator = (row.get("indicateur") or "").strip()
    territory = None
    if not code:
        errors.append(f"Ligne {line} : le code du territoire est vide.")
    else:
        territory, why = names.find(code)
        if territory is None:
            errors.append(f"Ligne {line} : {why}.")
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
    if value is not None and abs(value) >= 10**10:
        errors.append(f"Ligne {line} : la valeur est trop grande.")
    for column in ("source", "licence"):
        if not (row.get(column) or "").strip():
            errors.append(f"Ligne {line} : la colonne « {column} » est vide.")
    key = (territory.pk if territory else code, indicator, year)
    if not errors:
        if key in seen:
            errors.append(
                f"Ligne {line} : doublon de la ligne {seen[key]} ({territory.code}, {indicator}, {year})."
            )
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


def _read_reference_rows(content: bytes) -> list[dict]:
    """Every line of the CSV checked; the clean rows, or a ValidationError naming the lines."""
    header, rows = parsing.csv_rows(parsing.decode(content, "CSV"), errors := parsing.ErrorList())
    missing = [c for c in CSV_COLUMNS if c not in header]
    if missing:
        raise ValidationError(
            f"Colonne(s) manquante(s) : {', '.join(missing)}. En-tête attendu : {';'.join(CSV_COLUMNS)}."
        )
    names = parsing.TerritoryNames(Territory.objects.all())
    clean_rows, seen = [], {}
    try:
        for line, row in rows:
            if not any(v.strip() for v in row.values()):
                continue  # a blank line
            row_errors, clean = _check_row(row, line, names, seen)
            for message in row_errors:
                errors.add(message)
            clean_rows.append(clean)
    except parsing.TooManyErrors:
        raise errors.refusal(stopped=True) from None
    if errors:
        raise errors.refusal()
    if not clean_rows:
        raise ValidationError("Le fichier ne contient aucune ligne de données.")
    return clean_rows


@transaction.atomic
def reference_values_import(*, content: bytes, user=None, is_demo: bool = False) -> int:
    """Import reference indicators from a CSV (columns territoire, indicateur, annee, valeur,
    source, licence; « ; » or « , »). A territory is named by its code or its name (case and
    accents ignored). A (territory, indicator, year) already known is updated. Raises
    ValidationError listing the wrong lines (at most `parsing.MAX_ERRORS`); nothing is imported
    then. Returns the number of lines imported."""
    rows = _read_reference_rows(content)
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


def _read_contours(content: bytes) -> list[tuple[Territory, dict]]:
    features = parsing.load_feature_collection(parsing.decode(content, "GeoJSON"))
    names = parsing.TerritoryNames(Territory.objects.all())
    errors, updates, seen, budget = parsing.ErrorList(), [], {}, [parsing.MAX_POINTS]
    try:
        for index, feature in enumerate(features, start=1):
            code = parsing.feature_code(feature, f"Élément {index}", errors)
            if code is None:
                continue
            where = f"Élément {index} (« {code} »)"
            territory, why = names.find(code)
            if territory is None:
                # The code is already quoted in `where`.
                errors.add(
                    f"{where} : {'territoire inconnu' if why.startswith('territoire inconnu') else why}."
                )
                continue
            if territory.pk in seen:
                errors.add(f"{where} : le territoire a déjà un contour à l'élément {seen[territory.pk]}.")
                continue
            seen[territory.pk] = index
            problem = parsing.geometry_problem(feature.get("geometry"), budget)
            if problem:
                errors.add(f"{where} : {problem}")
                continue
            geometry = feature["geometry"]
            updates.append((territory, {"type": geometry["type"], "coordinates": geometry["coordinates"]}))
    except parsing.TooManyErrors:
        raise errors.refusal(stopped=True) from None
    if errors:
        raise errors.refusal()
    if not updates:
        raise ValidationError("Le fichier ne contient aucun contour.")
    return updates


@transaction.atomic
def territory_contours_import(*, content: bytes) -> int:
    """Attach contours to known territories from a GeoJSON FeatureCollection (WGS 84), each
    feature naming its territory (code or name) in `properties.code`. The file is read with
    bounds (size, depth, points) and each geometry checked (closed rings, valid per GEOS).
    Raises ValidationError listing the wrong features; nothing is imported then. Returns the
    number of contours set."""
    updates = _read_contours(content)
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
