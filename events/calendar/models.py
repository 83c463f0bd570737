"""The network's events: a *series* (Palabres au Mans, Le Mans voyage le monde…) and its dated
*editions*, each with its venue, its *stages* (itinerant events) and, once past, its photos."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from associations.structures.models import Association
from associations.structures.taxonomy import Quartier
from solidaire.core.db import TimeStampedModel

# When and where an edition takes place (`events.changes` e-mails participants when they move).
WHEN_FIELDS = ("starts_at", "ends_at", "all_day")
WHERE_FIELDS = ("venue_name", "street", "postcode", "city", "latitude", "longitude")
# What an attendee's calendar shows: a change to one of these bumps the edition's SEQUENCE.
CALENDAR_FIELDS = ("title", "summary", "status", *WHEN_FIELDS, *WHERE_FIELDS)


_HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!]")


def validate_no_html(value: str) -> None:
    """Descriptions are written in Markdown: HTML (and scripts) are refused with a clear message
    rather than silently stripped, so nobody thinks their markup went through."""
    if value and _HTML_TAG.search(value):
        raise ValidationError(
            "Le HTML n'est pas accepté ici : écrivez en texte simple "
            "(mise en forme simple : **gras**, listes avec « - »)."
        )


def _latitude(label: str = "latitude"):
    return models.DecimalField(
        label,
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )


def _longitude(label: str = "longitude"):
    return models.DecimalField(
        label,
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )


def _coordinates_paired() -> Q:
    return Q(latitude__isnull=True, longitude__isnull=True) | Q(
        latitude__isnull=False, longitude__isnull=False
    )


class SeriesKind(models.TextChoices):
    TEMPS_FORT = "temps_fort", "Temps fort"
    INTERCULTUREL = "interculturel", "Événement interculturel"
    AUTRE = "autre", "Autre événement"


class EditionStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Programmé"
    CANCELLED = "cancelled", "Annulé"
    POSTPONED = "postponed", "Reporté"
    RESCHEDULED = "rescheduled", "Reprogrammé"


class EventSeries(TimeStampedModel):
    """The recurring event (or a one-off initiative): its presentation, kind and organisers."""

    name = models.CharField("nom", max_length=200)
    slug = models.SlugField("adresse", max_length=220, unique=True)
    kind = models.CharField("type", max_length=16, choices=SeriesKind, default=SeriesKind.AUTRE)
    summary = models.CharField("résumé", max_length=300, blank=True)
    description = models.TextField(
        "présentation", blank=True, help_text="Markdown (sans HTML).", validators=[validate_no_html]
    )
    since_year = models.PositiveSmallIntegerField("depuis l'année", null=True, blank=True)
    organisers = models.ManyToManyField(
        Association, blank=True, related_name="organised_event_series", verbose_name="organisateurs"
    )

    class Meta:
        verbose_name = "série d'événements"
        verbose_name_plural = "séries d'événements"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("events:series", kwargs={"slug": self.slug})


class Edition(TimeStampedModel):
    """One dated occurrence of a series. Times are stored aware and shown in Europe/Paris; an
    all-day edition runs from the local date of `starts_at` to the local date of `ends_at`."""

    series = models.ForeignKey(
        EventSeries, on_delete=models.PROTECT, related_name="editions", verbose_name="série"
    )
    title = models.CharField("titre", max_length=200)
    slug = models.SlugField("adresse", max_length=220, unique=True)
    status = models.CharField("statut", max_length=12, choices=EditionStatus, default=EditionStatus.SCHEDULED)
    summary = models.CharField("résumé", max_length=300, blank=True)
    description = models.TextField(
        "description", blank=True, help_text="Markdown (sans HTML).", validators=[validate_no_html]
    )
    starts_at = models.DateTimeField("début")
    ends_at = models.DateTimeField("fin")
    all_day = models.BooleanField("toute la journée", default=False)
    venue_name = models.CharField("lieu", max_length=200, blank=True)
    street = models.CharField("adresse du lieu", max_length=200, blank=True)
    postcode = models.CharField("code postal", max_length=5, blank=True)
    city = models.CharField("ville", max_length=100, blank=True, default="Le Mans")
    quartier = models.CharField("quartier", max_length=30, choices=Quartier, blank=True)
    latitude = _latitude()
    longitude = _longitude()
    image = models.ImageField("image", upload_to="events/", blank=True)
    image_alt = models.CharField(
        "texte alternatif de l'image", max_length=250, blank=True, help_text="Ce que montre l'image."
    )
    accessibility = models.TextField("accessibilité", blank=True)
    is_free = models.BooleanField("gratuit", default=True)
    price_details = models.CharField("tarifs", max_length=200, blank=True)
    registration_required = models.BooleanField("inscription nécessaire", default=False)
    registration_details = models.CharField("comment s'inscrire", max_length=300, blank=True)
    organisers = models.ManyToManyField(
        Association, blank=True, related_name="organised_editions", verbose_name="organisateurs"
    )
    # Structures taking part (stands, dishes…): applications are decided by CCAS staff.
    participation_open = models.BooleanField("appel à participation ouvert", default=False)
    participation_deadline = models.DateField("date limite de candidature", null=True, blank=True)
    capacity = models.PositiveIntegerField(
        "nombre de structures participantes", null=True, blank=True, help_text="Vide : sans limite."
    )
    report = models.TextField(
        "compte rendu", blank=True, help_text="Ce qui s'est passé (Markdown).", validators=[validate_no_html]
    )
    cancellation_reason = models.CharField(
        "motif de l'annulation",
        max_length=500,
        blank=True,
        help_text="Facultatif. Envoyé par e-mail avec l'annonce de l'annulation aux structures "
        "participantes (ou en attente de réponse) et à la structure qui a proposé l'événement.",
    )
    # RFC 5545 SEQUENCE: increases with each change an attendee's calendar must pick up.
    sequence = models.PositiveIntegerField("version du calendrier", default=0, editable=False)
    # The edition's VEVENT as last written for the feeds, and what it was written from: the
    # full feed joins these instead of asking icalendar for 2,000 events (about 1 ms each).
    ics_vevent = models.TextField(editable=False, blank=True, default="")
    ics_fingerprint = models.CharField(max_length=64, editable=False, blank=True, default="")

    class Meta:
        verbose_name = "édition"
        verbose_name_plural = "éditions"
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["ends_at", "starts_at"], name="events_edition_ends_starts")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")), name="%(app_label)s_%(class)s_ends_after_start"
            ),
            models.CheckConstraint(
                condition=_coordinates_paired(), name="%(app_label)s_%(class)s_coordinates_paired"
            ),
            models.CheckConstraint(
                condition=Q(image="") | ~Q(image_alt=""), name="%(app_label)s_%(class)s_image_has_alt"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._calendar_state = instance._calendar_snapshot()
        return instance

    def _calendar_snapshot(self) -> tuple:
        # Read from __dict__: a deferred field is not loaded (no query) and counts as unchanged.
        return tuple(self.__dict__.get(name) for name in CALENDAR_FIELDS)

    def calendar_changes(self, since: Edition | None = None) -> set[str]:
        """The CALENDAR_FIELDS that differ from `since` (this edition as stored), by default from
        this instance as loaded: what bumps SEQUENCE, and what services read to tell people."""
        before = since._calendar_snapshot() if since is not None else getattr(self, "_calendar_state", None)
        if before is None:
            return set()
        current = self._calendar_snapshot()
        return {
            name
            for name, old, new in zip(CALENDAR_FIELDS, before, current, strict=True)
            if old != new and name in self.__dict__
        }

    def clean(self) -> None:
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = "La fin doit venir après le début."
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = "Indiquez la latitude et la longitude, ou aucune des deux."
        if self.image and not self.image_alt.strip():
            errors["image_alt"] = "Décrivez l'image pour les personnes qui ne la voient pas."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # A change visible in a calendar bumps SEQUENCE, so subscribed calendars replace the event.
        if self.pk and self.calendar_changes():
            self.sequence += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "sequence"}
        super().save(*args, **kwargs)
        self._calendar_state = self._calendar_snapshot()

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.slug})

    @property
    def is_cancelled(self) -> bool:
        return self.status == EditionStatus.CANCELLED

    @property
    def is_scheduled(self) -> bool:
        """Going ahead as planned: no status line on its page or card."""
        return self.status == EditionStatus.SCHEDULED

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def start_date(self) -> dt.date:
        return timezone.localtime(self.starts_at).date()

    @property
    def end_date(self) -> dt.date:
        return timezone.localtime(self.ends_at).date()

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def address(self) -> str:
        town = " ".join(part for part in (self.postcode, self.city) if part)
        return ", ".join(part for part in (self.venue_name, self.street, town) if part)


class Stage(TimeStampedModel):
    """A stop of an itinerant edition (Le Mans voyage le monde: a tram station, a square…)."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="stages", verbose_name="édition"
    )
    position = models.PositiveSmallIntegerField("ordre", default=1)
    name = models.CharField("étape", max_length=200)
    place = models.CharField("lieu", max_length=200, blank=True)
    description = models.CharField("au programme", max_length=300, blank=True)
    starts_at = models.DateTimeField("début")
    ends_at = models.DateTimeField("fin", null=True, blank=True)
    latitude = _latitude()
    longitude = _longitude()

    class Meta:
        verbose_name = "étape"
        verbose_name_plural = "étapes"
        ordering = ["edition", "position", "starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "position"], name="%(app_label)s_%(class)s_position_once"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=F("starts_at")),
                name="%(app_label)s_%(class)s_ends_after_start",
            ),
            models.CheckConstraint(
                condition=_coordinates_paired(), name="%(app_label)s_%(class)s_coordinates_paired"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"

    def clean(self) -> None:
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = "La fin de l'étape doit venir après son début."
        try:  # in the admin's inline, the edition being edited (with its new dates)
            edition = self.edition
        except Edition.DoesNotExist:
            edition = None
        if edition is not None and self.starts_at and edition.starts_at and edition.ends_at:
            if not edition.starts_at <= self.starts_at <= edition.ends_at:
                errors["starts_at"] = "L'étape doit se tenir pendant l'édition (entre son début et sa fin)."
            elif self.ends_at and self.ends_at > edition.ends_at:
                errors["ends_at"] = "L'étape doit finir avant la fin de l'édition."
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = "Indiquez la latitude et la longitude, ou aucune des deux."
        if errors:
            raise ValidationError(errors)

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class EditionPhoto(TimeStampedModel):
    """What happened: a photo of a past edition, always with its text alternative."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="photos", verbose_name="édition"
    )
    image = models.ImageField("photo", upload_to="events/photos/")
    alt_text = models.CharField("texte alternatif", max_length=250)
    caption = models.CharField("légende", max_length=250, blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=1)

    class Meta:
        verbose_name = "photo"
        verbose_name_plural = "photos"
        ordering = ["edition", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(alt_text=""), name="%(app_label)s_%(class)s_has_alt"),
        ]

    def __str__(self) -> str:
        return self.alt_text
