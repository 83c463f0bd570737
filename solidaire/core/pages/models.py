"""Information pages written by CCAS staff (présentation, mentions légales…)."""

from django.core.cache import cache
from django.db import models
from django.urls import reverse

from solidaire.core.db import TimeStampedModel

FOOTER_CACHE_KEY = "core:footer_pages"


class InfoPage(TimeStampedModel):
    """An information page written by CCAS staff (présentation, mentions légales…)."""

    slug = models.SlugField("adresse", max_length=80, unique=True)
    title = models.CharField("titre", max_length=200)
    summary = models.CharField("chapeau", max_length=300, blank=True)
    body = models.TextField(
        "contenu",
        help_text="Mise en forme Markdown simple : titres (##), "
        "listes (-), **gras**, *italique*, [liens](https://…).",
    )
    in_footer = models.BooleanField("lien en pied de page", default=False)
    order = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "page d'information"
        verbose_name_plural = "pages d'information"
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(FOOTER_CACHE_KEY)

    def delete(self, *args, **kwargs):
        cache.delete(FOOTER_CACHE_KEY)
        return super().delete(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("core:page", kwargs={"slug": self.slug})
