"""Volunteering: missions published by structures, and the interest people express in them."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify

from associations.structures.taxonomy import Quartier
from solidaire.core.db import TimeStampedModel, actor_field
from solidaire.core.text.search import normalize_search

__all__ = ["MissionStatus", "VolunteerInterest", "VolunteerMission", "VolunteerSkill"]


class MissionStatus(models.TextChoices):
    PUBLISHED = "published", "Publiée"
    CLOSED = "closed", "Clôturée"


class VolunteerSkill(models.Model):
    """A skill a mission asks for ("accueil", "cuisine"…). Created as members type them, one per
    slug so spelling variants meet; staff can rename or merge them in the admin."""

    label = models.CharField("libellé", max_length=60)
    slug = models.SlugField("code", max_length=70, unique=True)

    class Meta:
        verbose_name = "compétence bénévole"
        verbose_name_plural = "compétences bénévoles"
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label

    @classmethod
    def get_for_label(cls, label: str) -> VolunteerSkill:
        label = " ".join(label.split())[:60]
        skill, _ = cls.objects.get_or_create(slug=slugify(label)[:70], defaults={"label": label})
        return skill


class VolunteerMission(TimeStampedModel):
    """A volunteer mission a structure offers."""

    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.CASCADE,
        related_name="volunteer_missions",
        verbose_name="structure",
    )
    title = models.CharField("intitulé", max_length=200)
    description = models.TextField("description")
    skills = models.ManyToManyField(
        VolunteerSkill, blank=True, related_name="missions", verbose_name="compétences recherchées"
    )
    time_commitment = models.CharField("disponibilité demandée", max_length=200)
    quartier = models.CharField("quartier", max_length=30, choices=Quartier, blank=True)
    status = models.CharField("statut", max_length=12, choices=MissionStatus, default=MissionStatus.PUBLISHED)
    closed_at = models.DateTimeField("clôturée le", null=True, blank=True)
    created_by = actor_field("créée par")
    # Folded title and description, for the directory's search box (kept in step by save()).
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        verbose_name = "mission bénévole"
        verbose_name_plural = "missions bénévoles"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=MissionStatus.values),
                name="%(app_label)s_%(class)s_status_valid",
            ),
            # A closed mission says when; an open one has no closing date.
            models.CheckConstraint(
                condition=(
                    Q(status=MissionStatus.CLOSED, closed_at__isnull=False)
                    | Q(status=MissionStatus.PUBLISHED, closed_at__isnull=True)
                ),
                name="%(app_label)s_%(class)s_closed_has_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "quartier"], name="associations_mission_stat_idx")]

    def __str__(self) -> str:
        return f"{self.title} ({self.association})"

    def save(self, *args, **kwargs):
        self.search_text = normalize_search(f"{self.title} {self.description} {self.time_commitment}")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("benevolat:detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == MissionStatus.PUBLISHED


class VolunteerInterest(TimeStampedModel):
    """Someone's interest in a mission, kept for the structure and e-mailed to it."""

    mission = models.ForeignKey(
        VolunteerMission, on_delete=models.CASCADE, related_name="interests", verbose_name="mission"
    )
    name = models.CharField("nom", max_length=150)
    email = models.EmailField("e-mail")
    message = models.TextField("message", max_length=3000)
    consent = models.BooleanField("consentement au traitement des données")
    notified_to = models.TextField("prévenus par e-mail", blank=True)

    class Meta:
        verbose_name = "proposition de bénévolat"
        verbose_name_plural = "propositions de bénévolat"
        ordering = ["-created_at", "-id"]
        constraints = [
            # Nothing is kept without the person's consent (RGPD).
            models.CheckConstraint(condition=Q(consent=True), name="%(app_label)s_%(class)s_consent_given"),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.mission.title}"
