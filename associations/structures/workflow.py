"""The directory's workflow models: staff settings, the weekly opening table, moderated changes."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from solidaire.core.db import TimeStampedModel, actor_field

from .hours import closed_on_holidays, weekly_slots
from .taxonomy import ProposalKind, ProposalStatus


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
    OSM syntax cannot do. The rows are rebuilt whenever the hours change and once a week by a
    Celery beat task (rules that depend on dates, e.g. "Jul-Aug off", move with the calendar).
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

    @classmethod
    def rebuild(cls, *, association_id: int, service_id: int | None, expression: str) -> None:
        """Replace the rows derived from one rule (a structure's, or one service's own hours)."""
        cls.objects.filter(association_id=association_id, service_id=service_id).delete()
        try:
            slots = weekly_slots(expression)
        except ValidationError:
            slots = []  # invalid hours never pass full_clean(); a raw save gets no table
        shut_on_holidays = closed_on_holidays(expression)
        cls.objects.bulk_create(
            cls(
                association_id=association_id,
                service_id=service_id,
                weekday=s.weekday,
                opens=s.opens,
                closes=s.closes,
                holidays_closed=shut_on_holidays,
            )
            for s in slots
        )


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
