"""Demo: Manou Partages's practice, from the network's booklet card (demo_data/). Idempotent."""

from __future__ import annotations

import json
from pathlib import Path

from django.utils import timezone

from associations.structures.models import Association, Thematique

from .models import WRITTEN_FIELDS, Practice, PracticeStatus

SOURCE = Path(__file__).resolve().parent / "demo_data" / "manou_partages.json"
# What the demo file holds: what a structure writes, but the quartier (set below).
TEXT_FIELDS = [name for name in WRITTEN_FIELDS if name != "quartier"]


def load(*, stdout) -> None:
    data = json.loads(SOURCE.read_text(encoding="utf-8"))
    association = Association.objects.filter(slug=data["structure"]).first()
    if association is None:
        return
    practice = Practice.objects.filter(slug=data["slug"]).first()
    wanted = {field: data[field] for field in TEXT_FIELDS}
    if practice is None or any(getattr(practice, k) != v for k, v in wanted.items()):
        practice = practice or Practice(slug=data["slug"], association=association)
        for field, value in wanted.items():
            setattr(practice, field, value)
        practice.status = PracticeStatus.PUBLISHED
        practice.published_at = practice.published_at or timezone.now()
        practice.full_clean()
        practice.save()
    thematiques = set(Thematique.objects.filter(slug__in=data["thematiques"]))
    if set(practice.thematiques.all()) != thematiques:
        practice.thematiques.set(thematiques)
    stdout.write(f"Pratique inspirante : « {practice.title} » ({association.name}).")
