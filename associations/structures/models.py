"""The directory's structures, their services, and who may act for them (memberships)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from solidaire.core.db import TimeStampedModel, WebsiteField, actor_field

from .fields import ChoiceListField
from .hours import humanize, validate_opening_hours
from .taxonomy import (
    AccessCondition,
    Fee,
    Language,
    MembershipRole,
    MembershipStatus,
    Mode,
    ProposalKind,
    ProposalStatus,
    Public,
    PublicationStatus,
    Quartier,
    StructureKind,
)
from .validators import validate_logo, validate_phone, validate_rna, validate_siret


def _labels(choices, codes) -> list[str]:
    labels = dict(choices.choices)
    return [labels.get(code, code) for code in codes]


class Association(TimeStampedModel):
    """A structure of the network: association, social centre, the CCAS, an institution."""

    name = models.CharField("nom", max_length=200)
    slug = models.SlugField("adresse", max_length=220, unique=True)
    kind = models.CharField("type", max_length=20, choices=StructureKind, default=StructureKind.ASSOCIATION)
    status = models.CharField(
        "publication", max_length=12, choices=PublicationStatus, default=PublicationStatus.DRAFT
    )
    summary = models.CharField("présentation courte", max_length=300, blank=True)
    mission = models.TextField("mission", blank=True)
    street = models.CharField("adresse", max_length=200, blank=True)
    postcode = models.CharField(
        "code postal",
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^\d{5}$", "Code postal : 5 chiffres.")],
    )
    city = models.CharField("ville", max_length=100, blank=True, default="Le Mans")
    quartier = models.CharField("quartier", max_length=30, choices=Quartier, blank=True)
    latitude = models.DecimalField(
        "latitude",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        "longitude",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    phone = models.CharField("téléphone", max_length=20, blank=True, validators=[validate_phone])
    email = models.EmailField("e-mail", blank=True)
    website = WebsiteField("site web", blank=True)
    opening_hours = models.CharField(
        "horaires d'ouverture",
        max_length=255,
        blank=True,
        validators=[validate_opening_hours],
        help_text="Format OpenStreetMap, ex. « Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; "
        "PH off » (Mo lundi, Tu mardi, We mercredi, Th jeudi, Fr vendredi, Sa samedi, "
        "Su dimanche, PH off : fermé les jours fériés).",
    )
    languages = ChoiceListField("langues parlées", choices=Language)
    pmr_accessible = models.BooleanField("accessible aux personnes à mobilité réduite", default=False)
    accessibility_details = models.CharField("précisions sur l'accessibilité", max_length=300, blank=True)
    rna = models.CharField(
        "numéro RNA",
        max_length=10,
        blank=True,
        validators=[validate_rna],
        help_text="W suivi de 9 chiffres. Facultatif.",
    )
    siret = models.CharField(
        "SIRET",
        max_length=14,
        blank=True,
        validators=[validate_siret],
        help_text="14 chiffres, sans espace. Facultatif.",
    )
    founded_on = models.DateField("date de création", null=True, blank=True)
    staff_employees = models.PositiveIntegerField("salarié·es", null=True, blank=True)
    staff_board = models.PositiveIntegerField("administrateur·rices", null=True, blank=True)
    staff_volunteers = models.PositiveIntegerField("bénévoles actifs", null=True, blank=True)
    staff_civic_service = models.PositiveIntegerField("volontaires en service civique", null=True, blank=True)
    budget = models.DecimalField(
        "budget annuel (€)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    logo = models.ImageField(
        "logo",
        upload_to="associations/logos/",
        blank=True,
        validators=[validate_logo],
        help_text="PNG, JPEG, WebP ou GIF, 1 Mo au plus.",
    )
    network_labels = models.CharField(
        "réseaux et labels",
        max_length=300,
        blank=True,
        help_text="Séparés par des virgules, ex. « Fédération des centres sociaux, France Bénévolat ».",
    )
    last_verified_at = models.DateTimeField("fiche vérifiée le", null=True, blank=True)
    reminder_sent_at = models.DateTimeField(
        "dernière relance de mise à jour", null=True, blank=True, editable=False
    )
    closed_from = models.DateField("fermeture exceptionnelle du", null=True, blank=True)
    closed_until = models.DateField(
        "au", null=True, blank=True, help_text="Laisser vide si la date de réouverture n'est pas connue."
    )
    closure_message = models.CharField("message de fermeture", max_length=300, blank=True)
    proposed_by = actor_field("proposée par")
    # The folded name alone, to rank the structures whose name matches before the others.
    search_name = models.CharField(editable=False, max_length=200, blank=True, default="")
    # Accent- and case-free copy of the searchable text (the structure's and its services'),
    # rebuilt by the services that write them (services.derived_data_refresh): lets SQLite
    # search "epicerie" and find "Épicerie"; PostgreSQL adds trigram matching on the same column.
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        verbose_name = "structure"
        verbose_name_plural = "structures"
        ordering = ["name"]
        indexes = [
            models.Index(fields=["status", "kind"], name="associations_status_kind_idx"),
            models.Index(fields=["status", "name"], name="associations_status_name_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="%(app_label)s_%(class)s_both_coordinates",
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="%(app_label)s_%(class)s_budget_positive",
            ),
            models.CheckConstraint(
                condition=Q(closed_from__isnull=True)
                | Q(closed_until__isnull=True)
                | Q(closed_until__gte=F("closed_from")),
                name="%(app_label)s_%(class)s_closure_ordered",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{f}__isnull": True}) | Q(**{f"{f}__gte": 0}),
                    name=f"%(app_label)s_%(class)s_{f}_positive",
                )
                for f in ("staff_employees", "staff_board", "staff_volunteers", "staff_civic_service")
            ],
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.closed_from and self.closed_until and self.closed_until < self.closed_from:
            raise ValidationError({"closed_until": "La fin de la fermeture précède son début."})

    def get_absolute_url(self) -> str:
        return reverse("associations:detail", kwargs={"slug": self.slug})

    def is_closed_on(self, day: dt.date) -> bool:
        if not self.closed_from:
            return False
        return self.closed_from <= day and (self.closed_until is None or day <= self.closed_until)

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED

    @property
    def hours_lines(self) -> list[str]:
        return humanize(self.opening_hours)

    @property
    def languages_display(self) -> list[str]:
        return _labels(Language, self.languages)

    @property
    def network_label_list(self) -> list[str]:
        return [label.strip() for label in self.network_labels.split(",") if label.strip()]

    @property
    def last_checked_at(self):
        """The later of the last edit and the last "my card is still right" confirmation."""
        if self.last_verified_at and self.last_verified_at > self.updated_at:
            return self.last_verified_at
        return self.updated_at


class Thematique(models.Model):
    """The directory's local taxonomy, mapped to data·inclusion's thematiques where one exists."""

    slug = models.SlugField("code", max_length=80, unique=True)
    label = models.CharField("libellé", max_length=120)
    data_inclusion_code = models.CharField("thématique data·inclusion", max_length=120, blank=True)
    order = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "thématique"
        verbose_name_plural = "thématiques"
        ordering = ["order", "label"]

    def __str__(self) -> str:
        return self.label


class Service(TimeStampedModel):
    """What a structure offers the public (a meal, a shower, a French class…)."""

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="services", verbose_name="structure"
    )
    name = models.CharField("nom", max_length=150)
    description = models.TextField("description", blank=True)
    thematiques = models.ManyToManyField(
        Thematique, related_name="services", blank=True, verbose_name="thématiques"
    )
    publics = ChoiceListField("publics", choices=Public)
    publics_details = models.CharField("précisions sur les publics", max_length=300, blank=True)
    fee = models.CharField("frais", max_length=10, choices=Fee, blank=True)
    fee_details = models.CharField("précisions sur les frais", max_length=300, blank=True)
    access_conditions = ChoiceListField("conditions d'accès", choices=AccessCondition)
    access_details = models.CharField(
        "précisions sur l'accès",
        max_length=300,
        blank=True,
        help_text="Justificatifs, prérequis, comment s'inscrire…",
    )
    modes = ChoiceListField("modalités", choices=Mode)
    opening_hours = models.CharField(
        "horaires du service",
        max_length=255,
        blank=True,
        validators=[validate_opening_hours],
        help_text="Si différents de ceux de la structure. Format OpenStreetMap.",
    )
    closed_from = models.DateField("fermeture temporaire du", null=True, blank=True)
    closed_until = models.DateField("au", null=True, blank=True)
    closure_message = models.CharField("message de fermeture", max_length=300, blank=True)

    class Meta:
        verbose_name = "service"
        verbose_name_plural = "services"
        ordering = ["association", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_from__isnull=True)
                | Q(closed_until__isnull=True)
                | Q(closed_until__gte=F("closed_from")),
                name="%(app_label)s_%(class)s_closure_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.association})"

    def clean(self):
        errors = {}
        if self.closed_from and self.closed_until and self.closed_until < self.closed_from:
            errors["closed_until"] = "La fin de la fermeture précède son début."
        if Public.TOUS_PUBLICS in self.publics and len(self.publics) > 1:
            errors["publics"] = "« Tous publics » ne se combine pas avec d'autres publics."
        if errors:
            raise ValidationError(errors)

    def is_closed_on(self, day: dt.date) -> bool:
        if not self.closed_from:
            return False
        return self.closed_from <= day and (self.closed_until is None or day <= self.closed_until)

    @property
    def closed_now(self) -> bool:
        return self.is_closed_on(timezone.localdate())

    @property
    def hours_lines(self) -> list[str]:
        return humanize(self.opening_hours)

    @property
    def publics_display(self) -> list[str]:
        return _labels(Public, self.publics)

    @property
    def access_display(self) -> list[str]:
        return _labels(AccessCondition, self.access_conditions)

    @property
    def modes_display(self) -> list[str]:
        return _labels(Mode, self.modes)


class Membership(TimeStampedModel):
    """A user acting for a structure, once approved by one of its admins or by CCAS staff."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name="utilisateur",
    )
    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="memberships", verbose_name="structure"
    )
    role = models.CharField("rôle", max_length=10, choices=MembershipRole, default=MembershipRole.MEMBER)
    status = models.CharField(
        "statut", max_length=10, choices=MembershipStatus, default=MembershipStatus.REQUESTED
    )
    message = models.TextField("message de la demande", blank=True)
    decided_by = actor_field("décidée par")
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)
    decision_reason = models.CharField("motif", max_length=300, blank=True)

    class Meta:
        verbose_name = "adhésion"
        verbose_name_plural = "adhésions"
        ordering = ["association", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "association"], name="%(app_label)s_%(class)s_one_per_user"
            ),
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
    def is_requested(self) -> bool:
        """Asked for, not yet decided."""
        return self.status == MembershipStatus.REQUESTED

    @property
    def is_admin(self) -> bool:
        return self.is_active and self.role == MembershipRole.ADMIN


# --- the directory's workflow: settings, opening slots, changes waiting for moderation --------
# The directory's workflow models: staff settings, the weekly opening table, moderated changes.


class DirectorySettings(models.Model):
    """One row, edited by CCAS staff in the admin."""

    moderate_member_changes = models.BooleanField(
        "modérer les modifications des structures",
        default=True,
        help_text="Si coché, les modifications faites par les membres d'une structure "
        "attendent la validation du CCAS avant d'être publiées.",
    )
    stale_after_days = models.PositiveIntegerField(
        "fiche à vérifier après (jours)",
        default=365,
        help_text="Une fiche ni modifiée ni vérifiée depuis ce délai est signalée au CCAS.",
    )

    class Meta:
        verbose_name = "réglages de l'annuaire"
        verbose_name_plural = "réglages de l'annuaire"
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="%(app_label)s_%(class)s_singleton"),
            models.CheckConstraint(
                condition=Q(stale_after_days__gte=1), name="%(app_label)s_%(class)s_stale_positive"
            ),
        ]

    def __str__(self) -> str:
        return "Réglages de l'annuaire"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def get(cls) -> DirectorySettings:
        obj, _ = cls.objects.get_or_create(pk=1)
        return obj


class OpeningSlot(models.Model):
    """One open interval of a structure's ordinary week, derived from its opening hours.

    Why a table: "open now" must filter the whole directory in SQL (and paginate), which the
    OSM syntax cannot do. The rows are rebuilt by the services that change the hours
    (services.derived_data_refresh) and once a week by a Celery beat task (rules that depend
    on dates, e.g. "Jul-Aug off", move with the calendar).
    """

    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.CASCADE,
        related_name="opening_slots",
        verbose_name="structure",
    )
    # Set when the slot is a service's own hours (the shower's), not the structure's.
    service = models.ForeignKey(
        "associations.Service",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="opening_slots",
        verbose_name="service",
    )
    weekday = models.PositiveSmallIntegerField("jour (0 = lundi)")
    opens = models.PositiveSmallIntegerField("ouverture (minutes)")
    closes = models.PositiveSmallIntegerField("fermeture (minutes)")
    # "PH off" in the rule: the slot does not count on a public holiday.
    holidays_closed = models.BooleanField("fermé les jours fériés", default=False)

    class Meta:
        verbose_name = "créneau d'ouverture"
        verbose_name_plural = "créneaux d'ouverture"
        ordering = ["association", "weekday", "opens"]
        indexes = [models.Index(fields=["weekday", "opens", "closes"], name="associations_slot_lookup_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(weekday__lte=6), name="%(app_label)s_%(class)s_weekday_range"),
            models.CheckConstraint(
                condition=Q(closes__gt=F("opens")) & Q(closes__lte=1440),
                name="%(app_label)s_%(class)s_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.association_id} j{self.weekday} {self.opens}-{self.closes}"


class ChangeProposal(TimeStampedModel):
    """A change typed by a structure's member, waiting for CCAS staff when moderation is on.

    `payload` holds the form's cleaned data as JSON (dates and decimals as strings, the
    uploaded logo already stored under `associations/pending/`), applied as is on approval.
    """

    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.CASCADE,
        related_name="change_proposals",
        verbose_name="structure",
    )
    service = models.ForeignKey(
        "associations.Service",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="change_proposals",
        verbose_name="service",
    )
    kind = models.CharField("type", max_length=20, choices=ProposalKind)
    payload = models.JSONField("modifications", default=dict, blank=True)
    status = models.CharField("statut", max_length=10, choices=ProposalStatus, default=ProposalStatus.PENDING)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="proposée par",
    )
    decided_by = actor_field("décidée par")
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)
    decision_reason = models.CharField("motif", max_length=300, blank=True)

    class Meta:
        verbose_name = "modification proposée"
        verbose_name_plural = "modifications proposées"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="pending") | Q(decided_at__isnull=True),
                name="%(app_label)s_%(class)s_pending_undecided",
            ),
            models.CheckConstraint(
                condition=Q(kind="card") | Q(kind="service_create") | Q(service__isnull=False),
                name="%(app_label)s_%(class)s_service_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.association} ({self.get_status_display()})"

    @property
    def is_approved(self) -> bool:
        return self.status == ProposalStatus.APPROVED

    @property
    def changes(self) -> list[tuple[str, object]]:
        """(French field label, proposed value) pairs, for the staff page."""
        # The related models, read from the foreign keys (models.py imports this module).
        field = "association" if self.kind == ProposalKind.CARD else "service"
        model = self._meta.get_field(field).related_model
        rows = []
        for name, value in self.payload.items():
            try:
                label = str(model._meta.get_field(name).verbose_name)
            except Exception:  # a field removed since the proposal was made
                label = name
            if isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            rows.append((label[:1].upper() + label[1:], value))
        return rows
