"""Open data: structures and services in the data·inclusion v1 schema, streamed; CSV for staff.

The JSON is produced row by row from `.iterator(chunk_size=…)` querysets, so memory stays flat
whatever the number of structures; each row is a plain dict matching
`data_inclusion.schema.v1.Structure` / `Service` (the tests validate them with that package).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from decimal import Decimal

from django.db.models import QuerySet
from django.urls import reverse

from associations.structures.hours import humanize
from associations.structures.models import Association, Service, Thematique
from associations.structures.taxonomy import (
    LOCAL_PUBLICS,
    MODE_TO_DATA_INCLUSION,
    AccessCondition,
    Fee,
    Public,
    PublicationStatus,
)
from associations.structures.validators import normalize_phone
from solidaire.core.security.spreadsheet import safe_cell
from solidaire.core.text.french import format_date_numeric, format_number

SOURCE = "le-mans-solidaire"
CHUNK = 500
# Enum `.values`/`.label` are recomputed on each access: looked up once here.
EXPORTED_PUBLICS = frozenset(Public.values) - {str(p) for p in LOCAL_PUBLICS}
FEES = frozenset(Fee.values)
ACCESS_LABELS = dict(AccessCondition.choices)


def _id(kind: str, slug_or_pk) -> str:
    return f"{SOURCE}--{kind}-{slug_or_pk}" if kind == "service" else f"{SOURCE}--{slug_or_pk}"


def _text(value: str, minimum: int = 5, maximum: int = 10000) -> str | None:
    value = (value or "").strip()
    return value[:maximum] if len(value) >= minimum else None


def _name(value: str) -> str:
    value = value.strip()[:150]
    return value.rstrip(".") if not value.endswith("etc.") else value


def _phone(value: str) -> str | None:
    digits = normalize_phone(value)
    if len(digits) == 10 and digits.startswith("0"):
        return "+33" + digits[1:]
    return digits or None


def _detail_url(base_url: str, slug: str) -> str:
    # reverse() per row dominates the export time; the pattern is fixed, so build it once.
    return base_url + reverse("associations:detail", kwargs={"slug": "SLUG"}).replace("SLUG", slug)


def structure_row(a: Association, base_url: str) -> dict:
    return {
        "source": SOURCE,
        "id": _id("structure", a.slug),
        "nom": _name(a.name),
        "date_maj": a.updated_at.date().isoformat(),
        "description": _text(" ".join(p for p in [a.summary, a.mission] if p)),
        "lien_source": _detail_url(base_url, a.slug),
        "siret": a.siret or None,
        "commune": a.city or None,
        "code_postal": a.postcode or None,
        "adresse": a.street or None,
        "longitude": float(a.longitude) if a.longitude is not None else None,
        "latitude": float(a.latitude) if a.latitude is not None else None,
        "telephone": _phone(a.phone),
        "courriel": a.email or None,
        "site_web": a.website or None,
        "horaires_accueil": a.opening_hours or None,
        "accessibilite_lieu": None,
        "reseaux_porteurs": None,
    }


def service_row(s: dict, codes: list[str], base_url: str) -> dict:
    """`s` is a `.values()` row of SERVICE_VALUES; `codes` its data·inclusion thematiques."""
    publics = [p for p in _split(s["publics"]) if p in EXPORTED_PUBLICS]
    if Public.TOUS_PUBLICS in publics:
        publics = [Public.TOUS_PUBLICS.value]
    access = [ACCESS_LABELS[c] for c in _split(s["access_conditions"]) if c in ACCESS_LABELS]
    conditions = "; ".join(access + ([s["access_details"]] if s["access_details"] else []))
    modes = sorted({MODE_TO_DATA_INCLUSION[m] for m in _split(s["modes"]) if m in MODE_TO_DATA_INCLUSION})
    name = s["name"].strip()
    structure_name = s["association__name"]
    lat, lng = s["association__latitude"], s["association__longitude"]
    return {
        "source": SOURCE,
        "structure_id": _id("structure", s["association__slug"]),
        "id": _id("service", s["id"]),
        "nom": _name(name) if len(name) >= 3 else f"{name} ({structure_name})"[:150],
        "description": _text(s["description"]) or _text(f"{name} — {structure_name}"),
        "lien_source": f"{_detail_url(base_url, s['association__slug'])}#service-{s['id']}",
        "date_maj": s["updated_at"].date().isoformat(),
        "thematiques": sorted(set(codes)) or None,
        "frais": s["fee"] if s["fee"] in FEES else None,
        "frais_precisions": s["fee_details"] or None,
        "publics": publics or None,
        "publics_precisions": s["publics_details"] or None,
        "conditions_acces": conditions or None,
        "commune": s["association__city"] or None,
        "code_postal": s["association__postcode"] or None,
        "adresse": s["association__street"] or None,
        "longitude": float(lng) if lng is not None else None,
        "latitude": float(lat) if lat is not None else None,
        "telephone": _phone(s["association__phone"]),
        "courriel": s["association__email"] or None,
        "modes_accueil": modes or None,
        "horaires_accueil": s["opening_hours"] or s["association__opening_hours"] or None,
    }


def _split(value) -> list[str]:
    # values() already converts ChoiceListField to a list; accept the stored form too.
    if isinstance(value, list):
        return value
    return [part for part in (value or "").split("|") if part]


SERVICE_VALUES = [
    "id",
    "name",
    "description",
    "updated_at",
    "publics",
    "publics_details",
    "fee",
    "fee_details",
    "access_conditions",
    "access_details",
    "modes",
    "opening_hours",
    "association__slug",
    "association__name",
    "association__city",
    "association__postcode",
    "association__street",
    "association__latitude",
    "association__longitude",
    "association__phone",
    "association__email",
    "association__opening_hours",
]


def published_structures() -> QuerySet[Association]:
    return Association.objects.filter(status=PublicationStatus.PUBLISHED).order_by("pk")


def published_services() -> QuerySet[Service]:
    return Service.objects.filter(association__status=PublicationStatus.PUBLISHED).order_by("pk")


def _json_array(rows: Iterator[dict]) -> Iterator[str]:
    yield "["
    first = True
    for row in rows:
        yield ("" if first else ",\n") + json.dumps(row, ensure_ascii=False)
        first = False
    yield "]\n"


def structures_json(base_url: str) -> Iterator[str]:
    rows = (structure_row(a, base_url) for a in published_structures().iterator(chunk_size=CHUNK))
    return _json_array(rows)


def _service_rows(base_url: str) -> Iterator[dict]:
    """Services in chunks: one query per chunk for their thematiques (a bounded prefetch
    without model instances, which cost most of the time at 15,000 rows)."""
    codes = dict(Thematique.objects.exclude(data_inclusion_code="").values_list("pk", "data_inclusion_code"))
    through = Service.thematiques.through
    chunk: list[dict] = []

    def flush() -> Iterator[dict]:
        links: dict[int, list[str]] = {}
        for service_id, thematique_id in through.objects.filter(
            service_id__in=[row["id"] for row in chunk]
        ).values_list("service_id", "thematique_id"):
            if thematique_id in codes:
                links.setdefault(service_id, []).append(codes[thematique_id])
        for row in chunk:
            yield service_row(row, links.get(row["id"], []), base_url)

    for row in published_services().values(*SERVICE_VALUES).iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield from flush()
            chunk = []
    if chunk:
        yield from flush()


def services_json(base_url: str) -> Iterator[str]:
    return _json_array(_service_rows(base_url))


class _Echo:
    def write(self, value):
        return value


CSV_COLUMNS = [
    ("Nom", "name"),
    ("Type", "get_kind_display"),
    ("Statut", "get_status_display"),
    ("Quartier", "get_quartier_display"),
    ("Adresse", "street"),
    ("Code postal", "postcode"),
    ("Ville", "city"),
    ("Téléphone", "phone"),
    ("E-mail", "email"),
    ("Site", "website"),
    ("Horaires", "opening_hours"),
    ("RNA", "rna"),
    ("SIRET", "siret"),
    ("Salarié·es", "staff_employees"),
    ("Bénévoles", "staff_volunteers"),
    ("Budget", "budget"),
    ("Mise à jour", "updated_at"),
    ("Vérifiée le", "last_verified_at"),
]


def _csv_cell(value) -> str:
    """A value as a French spreadsheet reads it: « 30/11/2026 », « 12500,5 », hours in words."""
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return format_date_numeric(value)
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return format_number(value, separator="")
    return str(value)


def structures_csv() -> Iterator[str]:
    """All structures (any status) for CCAS staff; `;` separated, decimal commas, dates as
    dd/mm/yyyy, hours in French words, UTF-8 with a BOM: what French spreadsheets expect."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow([label for label, _ in CSV_COLUMNS])
    for a in Association.objects.order_by("name").iterator(chunk_size=CHUNK):
        values = []
        for _, attr in CSV_COLUMNS:
            value = getattr(a, attr)
            value = value() if callable(value) else value
            if attr == "opening_hours" and value:
                value = " ; ".join(humanize(value))
            values.append(safe_cell(_csv_cell(value)))
        yield writer.writerow(values)
