"""Open data: structures and services in the data·inclusion v1 schema, streamed; CSV for staff.

The JSON is produced row by row from `.iterator(chunk_size=…)` querysets, so memory stays flat
whatever the number of structures; each row is a plain dict matching
`data_inclusion.schema.v1.Structure` / `Service` (the tests validate them with that package).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator

from django.db.models import Prefetch, QuerySet

from .models import Association, PublicationStatus, Service, Thematique
from .taxonomy import LOCAL_PUBLICS, MODE_TO_DATA_INCLUSION, AccessCondition, Fee, Public
from .validators import normalize_phone

SOURCE = "le-mans-solidaire"
CHUNK = 500


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


def structure_row(a: Association, base_url: str) -> dict:
    return {
        "source": SOURCE,
        "id": _id("structure", a.slug),
        "nom": _name(a.name),
        "date_maj": a.updated_at.date().isoformat(),
        "description": _text(" ".join(p for p in [a.summary, a.mission] if p)),
        "lien_source": f"{base_url}{a.get_absolute_url()}",
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


def service_row(s: Service, base_url: str) -> dict:
    a = s.association
    codes = sorted({t.data_inclusion_code for t in s.thematiques.all() if t.data_inclusion_code})
    publics = [p for p in s.publics if p not in LOCAL_PUBLICS and p in Public.values]
    if Public.TOUS_PUBLICS in publics:
        publics = [Public.TOUS_PUBLICS]
    access_labels = [AccessCondition(c).label for c in s.access_conditions
                     if c in AccessCondition.values]
    conditions = "; ".join(access_labels + ([s.access_details] if s.access_details else []))
    modes = sorted({MODE_TO_DATA_INCLUSION[m] for m in s.modes if m in MODE_TO_DATA_INCLUSION})
    return {
        "source": SOURCE,
        "structure_id": _id("structure", a.slug),
        "id": _id("service", s.pk),
        "nom": _name(s.name) if len(s.name.strip()) >= 3 else f"{s.name.strip()} ({a.name})"[:150],
        "description": _text(s.description) or _text(f"{s.name} — {a.name}"),
        "lien_source": f"{base_url}{a.get_absolute_url()}#service-{s.pk}",
        "date_maj": s.updated_at.date().isoformat(),
        "thematiques": codes or None,
        "frais": s.fee if s.fee in Fee.values else None,
        "frais_precisions": s.fee_details or None,
        "publics": [str(p) for p in publics] or None,
        "publics_precisions": s.publics_details or None,
        "conditions_acces": conditions or None,
        "commune": a.city or None,
        "code_postal": a.postcode or None,
        "adresse": a.street or None,
        "longitude": float(a.longitude) if a.longitude is not None else None,
        "latitude": float(a.latitude) if a.latitude is not None else None,
        "telephone": _phone(a.phone),
        "courriel": a.email or None,
        "modes_accueil": modes or None,
        "horaires_accueil": s.opening_hours or a.opening_hours or None,
    }


def published_structures() -> QuerySet[Association]:
    return Association.objects.filter(status=PublicationStatus.PUBLISHED).order_by("pk")


def published_services() -> QuerySet[Service]:
    return (
        Service.objects.filter(association__status=PublicationStatus.PUBLISHED)
        .select_related("association")
        .prefetch_related(Prefetch("thematiques",
                                   queryset=Thematique.objects.only("id", "data_inclusion_code")))
        .order_by("pk")
    )


def _json_array(rows: Iterator[dict]) -> Iterator[str]:
    yield "["
    first = True
    for row in rows:
        yield ("" if first else ",\n") + json.dumps(row, ensure_ascii=False)
        first = False
    yield "]\n"


def structures_json(base_url: str) -> Iterator[str]:
    rows = (structure_row(a, base_url)
            for a in published_structures().iterator(chunk_size=CHUNK))
    return _json_array(rows)


def services_json(base_url: str) -> Iterator[str]:
    rows = (service_row(s, base_url) for s in published_services().iterator(chunk_size=CHUNK))
    return _json_array(rows)


class _Echo:
    def write(self, value):
        return value


CSV_COLUMNS = [
    ("Nom", "name"), ("Type", "get_kind_display"), ("Statut", "get_status_display"),
    ("Quartier", "get_quartier_display"), ("Adresse", "street"), ("Code postal", "postcode"),
    ("Ville", "city"), ("Téléphone", "phone"), ("E-mail", "email"), ("Site", "website"),
    ("Horaires", "opening_hours"), ("RNA", "rna"), ("SIRET", "siret"),
    ("Salarié·es", "staff_employees"), ("Bénévoles", "staff_volunteers"),
    ("Budget", "budget"), ("Mise à jour", "updated_at"), ("Vérifiée le", "last_verified_at"),
]


def structures_csv() -> Iterator[str]:
    """All structures (any status) for CCAS staff; `;` separated with a BOM for Excel."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow([label for label, _ in CSV_COLUMNS])
    for a in Association.objects.order_by("name").iterator(chunk_size=CHUNK):
        values = []
        for _, attr in CSV_COLUMNS:
            value = getattr(a, attr)
            value = value() if callable(value) else value
            if hasattr(value, "isoformat"):
                value = value.isoformat()
            text = "" if value is None else str(value)
            # Spreadsheet formula injection: a cell starting with = + - @ is made inert.
            values.append("'" + text if text[:1] in {"=", "+", "-", "@"} else text)
        yield writer.writerow(values)
