"""Social centres' actions ("fiches actions") and the small vocabularies used to filter them."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.text import slugify

from solidaire.core.db import TimeStampedModel
from solidaire.core.text.search import normalize_search

__all__ = [
    "Action",
    "ActionDimension",
    "ActionInitiator",
    "ActionKeyword",
    "ActionPartner",
    "ActionPublic",
    "ActionStatus",
]


class ActionStatus(models.TextChoices):
    IN_PROGRESS = "en_cours", "En cours"
    FINISHED = "terminee", "Terminée"
    PLANNED = "en_projet", "En projet"
    SUSPENDED = "suspendue", "Suspendue"


class ActionTerm(models.Model):
    """A value of one of the export's lists. The slug is the identity, so "Précarité" and
    "précarité" are one term, and the filters' URLs stay readable (?mot_cle=precarite)."""

    label = models.CharField("libellé", max_length=150)
    slug = models.SlugField("code", max_length=160, unique=True)

    class Meta:
        abstract = True
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label

    @classmethod
    def get_for_label(cls, label: str):
        """The term for this label, created when new (keeps the first spelling seen)."""
        label = " ".join(label.split())[:150]
        slug = slugify(label)[:160] or "sans-libelle"
        term, _ = cls.objects.get_or_create(slug=slug, defaults={"label": label})
        return term


class ActionDimension(ActionTerm):
    class Meta(ActionTerm.Meta):
        verbose_name = "dimension d'action"
        verbose_name_plural = "dimensions d'action"


class ActionKeyword(ActionTerm):
    class Meta(ActionTerm.Meta):
        verbose_name = "mot-clé d'action"
        verbose_name_plural = "mots-clés d'action"


class ActionPublic(ActionTerm):
    class Meta(ActionTerm.Meta):
        verbose_name = "public d'action"
        verbose_name_plural = "publics d'action"


class ActionPartner(ActionTerm):
    class Meta(ActionTerm.Meta):
        verbose_name = "partenaire d'action"
        verbose_name_plural = "partenaires d'action"


class ActionInitiator(ActionTerm):
    class Meta(ActionTerm.Meta):
        verbose_name = "initiateur d'action"
        verbose_name_plural = "initiateurs d'action"


class Action(TimeStampedModel):
    """An action led by a social centre, as described in the network's "fiches actions"."""

    title = models.CharField("titre", max_length=300)
    slug = models.SlugField("adresse", max_length=220, unique=True)
    # sha256 of the normalised title + organising structure: the import's identity, so a
    # re-import or a repeated entry updates this row instead of adding one.
    natural_key = models.CharField("clé d'import", max_length=64, unique=True)
    # sha256 of everything imported: unchanged entries are not rewritten.
    source_hash = models.CharField("empreinte de la source", max_length=64, blank=True)
    source_line = models.PositiveIntegerField("ligne dans le fichier importé", null=True, blank=True)
    status = models.CharField("statut", max_length=12, choices=ActionStatus, blank=True)
    end_reasons = models.TextField("raisons de la fin de l'action", blank=True)
    dimensions = models.ManyToManyField(
        ActionDimension, blank=True, related_name="actions", verbose_name="dimensions"
    )
    keywords = models.ManyToManyField(
        ActionKeyword, blank=True, related_name="actions", verbose_name="mots-clés"
    )
    summary = models.TextField("résumé", blank=True)
    structure = models.ForeignKey(
        "associations.Association",
        on_delete=models.PROTECT,
        related_name="actions",
        verbose_name="structure organisatrice",
    )
    # The department printed after the structure's name in the export ("… - Maine-et-Loire").
    department = models.CharField("département", max_length=60, blank=True)
    initiators = models.ManyToManyField(
        ActionInitiator, blank=True, related_name="actions", verbose_name="à l'initiative de"
    )
    initiative_other = models.TextField("précision si autre", blank=True)
    experience = models.TextField("description de l'expérience", blank=True)
    territory = models.CharField("territoire concerné", max_length=150, blank=True)
    publics = models.ManyToManyField(ActionPublic, blank=True, related_name="actions", verbose_name="publics")
    partners = models.ManyToManyField(
        ActionPartner, blank=True, related_name="actions", verbose_name="partenaires"
    )
    general_description = models.TextField("description générale", blank=True)
    financial_resources = models.TextField("ressources financières mobilisées", blank=True)
    people_involved = models.TextField("personnes mobilisées", blank=True)
    result_territory = models.TextField("résultat sur le territoire", blank=True)
    result_centre = models.TextField("résultat pour le centre social", blank=True)
    result_inhabitants = models.TextField("résultat pour les habitants", blank=True)
    limits = models.TextField("suite : limites", blank=True)
    perspectives = models.TextField("suite : perspectives", blank=True)
    files_note = models.TextField("fichiers associés (mention)", blank=True)
    # Folded title and descriptions, for the directory's search box (kept in step by save()).
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        verbose_name = "fiche action"
        verbose_name_plural = "fiches actions"
        ordering = ["title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(title=""), name="%(app_label)s_%(class)s_title_not_empty"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["", *ActionStatus.values]),
                name="%(app_label)s_%(class)s_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["status"], name="associations_action_status_idx")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = normalize_search(
            " ".join([self.title, self.summary, self.experience, self.general_description, self.territory])
        )
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("actions:detail", kwargs={"slug": self.slug})

    @property
    def has_self_assessment(self) -> bool:
        return any(
            [
                self.result_territory,
                self.result_centre,
                self.result_inhabitants,
                self.limits,
                self.perspectives,
            ]
        )
