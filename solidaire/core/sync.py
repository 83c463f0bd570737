"""Idempotent writes for demo data and imports: touch a row only when a value differs, so that a
second run changes nothing (not even `updated_at`)."""

from __future__ import annotations

from django.db import models


def sync(instance: models.Model, values: dict) -> bool:
    """Set `values` on `instance`; save only if something differs. True when saved."""
    changed = {key: value for key, value in values.items() if getattr(instance, key) != value}
    for key, value in changed.items():
        setattr(instance, key, value)
    if changed:
        instance.save()
    return bool(changed)


def sync_or_create(model: type[models.Model], *, lookup: dict, values: dict) -> tuple[models.Model, bool]:
    """Like `update_or_create`, without a save when the row already holds `values`.
    Returns (instance, written)."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        return model.objects.create(**lookup, **values), True
    return instance, sync(instance, values)
