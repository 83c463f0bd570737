"""Database building blocks every app uses: timestamps, the 'who did it' key, a website field,
and idempotent writes for demo data and imports (`sync`, `sync_or_create`: touch a row only when
a value differs, so that a second run changes nothing, not even `updated_at`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("mis à jour le", auto_now=True)

    class Meta:
        abstract = True


class WebsiteField(models.URLField):
    """A URL typed by people: "exemple.fr" means https://exemple.fr (Django 6's default)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


def actor_field(verbose_name: str) -> models.ForeignKey:
    """Who did something (decided, submitted, validated…): kept as history, never a reverse
    relation, and cleared rather than cascading if the account is deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


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
