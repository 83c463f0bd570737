"""The Congrès national des Solidarités: editions and their themed workshops."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from solidaire.core.db import TimeStampedModel


class CongressEdition(TimeStampedModel):
    number = models.PositiveSmallIntegerField("édition", unique=True)
    year = models.PositiveSmallIntegerField("année", unique=True)
    title = models.CharField("titre", max_length=200)
    theme = models.CharField("fil rouge", max_length=300, blank=True)
    starts_on = models.DateField("premier jour")
    ends_on = models.DateField("dernier jour")
    venue = models.CharField("lieu", max_length=200)
    introduction = models.TextField("présentation", blank=True)
    contact_email = models.EmailField("contact", blank=True)

    class Meta:
        verbose_name = "édition du congrès"
        verbose_name_plural = "éditions du congrès"
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="%(app_label)s_%(class)s_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("congress:edition", kwargs={"year": self.year})


class Workshop(models.Model):
    edition = models.ForeignKey(
        CongressEdition, on_delete=models.CASCADE, related_name="workshops", verbose_name="édition"
    )
    title = models.CharField("thème", max_length=200)
    description = models.TextField("description", blank=True)
    order = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "atelier"
        verbose_name_plural = "ateliers"
        ordering = ["edition", "order"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "title"], name="%(app_label)s_%(class)s_unique_title"),
        ]

    def __str__(self) -> str:
        return self.title
