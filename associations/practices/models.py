"""Inspiring practices (pratiques inspirantes): what a structure tried, how, and what came of it,
in the shape of the network's booklet cards."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from associations.structures.fields import ChoiceListField
from associations.structures.taxonomy import Public, Quartier
from solidaire.core.db import TimeStampedModel, actor_field
from solidaire.core.text.search import normalize_search

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")


def validate_plain_text(value: str) -> None:
    """The practice's texts are plain text (line breaks kept): HTML is refused, not stripped,
    so the author knows what will be shown."""
    if value and _TAG.search(value):
        raise ValidationError(
            "Le texte ne peut pas contenir de balises HTML (« <…> »). Écrivez du texte simple ; "
            "les retours à la ligne sont conservés.",
            code="html",
        )


class PracticeStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    SUBMITTED = "submitted", "Proposée au CCAS"
    PUBLISHED = "published", "Publiée"
    ARCHIVED = "archived", "Archivée"


def _text(label: str, help_text: str = "", *, blank: bool = True) -> models.TextField:
    return models.TextField(label, blank=blank, help_text=help_text, validators=[validate_plain_text])


# What a structure writes (the form's fields but the thematiques, a relation).
WRITTEN_FIELDS = (
    "title",
    "question",
    "response",
    "steps",
    "results",
    "figures",
    "quote",
    "quote_author",
    "partners",
    "territory",
    "contact",
    "publics",
    "quartier",
)


class Practice(TimeStampedModel):
    """One practice card: problématique, réponse in steps, bilan with figures, a quote."""

    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.CASCADE,
        related_name="practices",
        verbose_name="structure",
    )
    title = models.CharField("titre", max_length=200, validators=[validate_plain_text])
    slug = models.SlugField("adresse", max_length=220, unique=True)
    question = _text("problématique", "La question à laquelle la pratique répond.", blank=False)
    response = _text("réponse", "Ce que la structure a mis en place.", blank=False)
    steps = _text("étapes", "Une étape par ligne.")
    results = _text("bilan", "Ce que la pratique a changé.")
    figures = _text("chiffres clés", "Un chiffre par ligne, ex. « 200 visites porte-à-porte ».")
    quote = _text("citation")
    quote_author = models.CharField(
        "auteur·rice de la citation", max_length=150, blank=True, validators=[validate_plain_text]
    )
    partners = models.CharField("partenaires", max_length=300, blank=True, validators=[validate_plain_text])
    territory = models.CharField("territoire", max_length=150, blank=True, validators=[validate_plain_text])
    contact = models.CharField(
        "contact",
        max_length=200,
        blank=True,
        validators=[validate_plain_text],
        help_text="E-mail, site ou téléphone.",
    )
    thematiques = models.ManyToManyField(
        "associations.Thematique", related_name="practices", blank=True, verbose_name="thématiques"
    )
    publics = ChoiceListField("publics", choices=Public)
    quartier = models.CharField("quartier", max_length=30, choices=Quartier, blank=True)
    status = models.CharField("statut", max_length=12, choices=PracticeStatus, default=PracticeStatus.DRAFT)
    written_by = actor_field("rédigée par")
    published_at = models.DateTimeField("publiée le", null=True, blank=True)
    published_by = actor_field("publiée par")
    search_text = models.TextField(editable=False, blank=True, default="")
    # A member's change to a published practice waits here (the form's data as JSON) while the
    # published text stays online, until CCAS staff publish or refuse it — as for directory cards.
    pending_changes = models.JSONField("modification en attente", null=True, blank=True, editable=False)
    pending_by = actor_field("modification proposée par")
    pending_since = models.DateTimeField("modification proposée le", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "pratique inspirante"
        verbose_name_plural = "pratiques inspirantes"
        ordering = ["title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=PracticeStatus.values), name="%(app_label)s_%(class)s_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="%(app_label)s_%(class)s_published_has_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "title"], name="associations_practice_stat_idx")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = normalize_search(
            " ".join([self.title, self.question, self.response, self.steps, self.results, self.territory])
        )
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("associations:practice_detail", kwargs={"slug": self.slug})

    @property
    def step_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.steps.splitlines() if line.strip(" -•\t")]

    @property
    def figure_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.figures.splitlines() if line.strip(" -•\t")]

    @property
    def publics_display(self) -> list[str]:
        labels = dict(Public.choices)
        return [labels.get(code, code) for code in self.publics]

    def apply_changes(self, payload: dict) -> None:
        """Set the written fields from a change's data (not saved; thematiques are a relation)."""
        for field in WRITTEN_FIELDS:
            if field in payload:
                setattr(self, field, payload[field])

    @property
    def is_published(self) -> bool:
        return self.status == PracticeStatus.PUBLISHED

    @property
    def is_archived(self) -> bool:
        return self.status == PracticeStatus.ARCHIVED
