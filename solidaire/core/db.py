"""Database building blocks every app uses: timestamps, the 'who did it' key, a website field."""

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
