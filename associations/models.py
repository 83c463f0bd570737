"""The directory's structures, their services, and who may act for them (memberships)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from solidaire.core.models import TimeStampedModel
from solidaire.core.text import normalize_search


class Quartier(models.TextChoices):
    CENTRE = "centre", "Centre-ville"
    VIEUX_MANS = "vieux-mans", "Vieux-Mans"
    SABLONS = "sablons", "Les Sablons"
    BELLEVUE_CARNAC = "bellevue-carnac", "Bellevue – Carnac"
    MAILLETS = "maillets", "Les Maillets"
    GLONNIERES = "glonnieres", "Les Glonnières"
    RONCERAY = "ronceray", "Le Ronceray"
    CHAOUE_PERRIERES = "chaoue-perrieres", "Chaoué – Perrières"
    PONTLIEUE = "pontlieue", "Pontlieue"
    SAINT_PAVIN = "saint-pavin", "Saint-Pavin"
    JEAN_JAURES = "jean-jaures", "Jean-Jaurès"
    EPINE_PIED_SEC = "epine-pied-sec", "L'Épine – Pied-Sec"
    GAZONFIER = "gazonfier", "Gazonfier"
    CALIFORNIE = "californie", "Californie"
    BOLLEE = "bollee", "Bollée – Gare"
    HORS_LE_MANS = "hors-le-mans", "Hors Le Mans"


class StructureKind(models.TextChoices):
    ASSOCIATION = "association", "Association"
    CENTRE_SOCIAL = "centre_social", "Centre social"
    CCAS = "ccas", "CCAS"
    INSTITUTION = "institution", "Institution"
    OTHER = "autre", "Autre"


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    PUBLISHED = "published", "Publiée"
    ARCHIVED = "archived", "Archivée"


class Association(TimeStampedModel):
    """A structure of the network: association, social centre, the CCAS, an institution."""

    name = models.CharField("nom", max_length=200)
    slug = models.SlugField("adresse", max_length=220, unique=True)
    kind = models.CharField("type", max_length=20, choices=StructureKind,
                            default=StructureKind.ASSOCIATION)
    status = models.CharField("publication", max_length=12, choices=PublicationStatus,
                              default=PublicationStatus.DRAFT)
    summary = models.CharField("présentation courte", max_length=300, blank=True)
    mission = models.TextField("mission", blank=True)
    street = models.CharField("adresse", max_length=200, blank=True)
    postcode = models.CharField("code postal", max_length=5, blank=True)
    city = models.CharField("ville", max_length=100, blank=True, default="Le Mans")
    quartier = models.CharField("quartier", max_length=30, choices=Quartier, blank=True)
    phone = models.CharField("téléphone", max_length=20, blank=True)
    email = models.EmailField("e-mail", blank=True)
    website = models.URLField("site web", blank=True)
    # Accent- and case-free copy of the searchable text, kept in step by save(): lets SQLite
    # search "epicerie" and find "Épicerie" (PostgreSQL can use unaccent on top of it).
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        verbose_name = "structure"
        verbose_name_plural = "structures"
        ordering = ["name"]
        indexes = [models.Index(fields=["status", "kind"], name="associations_status_kind_idx")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = normalize_search(" ".join([self.name, self.summary, self.mission]))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("associations:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED


class Thematique(models.Model):
    """The directory's local taxonomy, mapped to data·inclusion's thematiques where one exists."""

    slug = models.SlugField("code", max_length=80, unique=True)
    label = models.CharField("libellé", max_length=120)
    data_inclusion_code = models.CharField("thématique data·inclusion", max_length=120,
                                           blank=True)
    order = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "thématique"
        verbose_name_plural = "thématiques"
        ordering = ["order", "label"]

    def __str__(self) -> str:
        return self.label


class Service(TimeStampedModel):
    """What a structure offers the public (a meal, a shower, a French class…)."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE,
                                    related_name="services", verbose_name="structure")
    name = models.CharField("nom", max_length=200)
    description = models.TextField("description", blank=True)
    thematiques = models.ManyToManyField(Thematique, related_name="services", blank=True,
                                         verbose_name="thématiques")

    class Meta:
        verbose_name = "service"
        verbose_name_plural = "services"
        ordering = ["association", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.association})"


class MembershipRole(models.TextChoices):
    ADMIN = "admin", "Administrateur·rice"
    MEMBER = "member", "Membre"


class MembershipStatus(models.TextChoices):
    REQUESTED = "requested", "Demandée"
    APPROVED = "approved", "Acceptée"
    REJECTED = "rejected", "Refusée"


class Membership(TimeStampedModel):
    """A user acting for a structure, once approved by one of its admins or by CCAS staff."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="memberships", verbose_name="utilisateur")
    association = models.ForeignKey(Association, on_delete=models.CASCADE,
                                    related_name="memberships", verbose_name="structure")
    role = models.CharField("rôle", max_length=10, choices=MembershipRole,
                            default=MembershipRole.MEMBER)
    status = models.CharField("statut", max_length=10, choices=MembershipStatus,
                              default=MembershipStatus.REQUESTED)
    message = models.TextField("message de la demande", blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name="décidée par")
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)
    decision_reason = models.CharField("motif", max_length=300, blank=True)

    class Meta:
        verbose_name = "adhésion"
        verbose_name_plural = "adhésions"
        ordering = ["association", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "association"],
                                    name="%(app_label)s_%(class)s_one_per_user"),
            models.CheckConstraint(
                condition=~Q(status="requested") | Q(decided_at__isnull=True),
                name="%(app_label)s_%(class)s_requested_undecided",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.association} ({self.get_role_display()})"

    @property
    def is_active(self) -> bool:
        return self.status == MembershipStatus.APPROVED

    @property
    def is_admin(self) -> bool:
        return self.is_active and self.role == MembershipRole.ADMIN


from .models_actions import *  # noqa: E402, F403  (actions of social centres, issue 3 item 5)
from .models_volunteering import *  # noqa: E402, F403  (volunteering, issue 3 item 6)
