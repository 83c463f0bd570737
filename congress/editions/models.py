"""Congress editions, their days, themes and programme (plenaries, themed workshops, lunches).

Workshops and lunches have a capacity; `places_taken` is kept by the registration services under
a row lock, and a database check makes sure it never goes past the capacity.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from solidaire.core.db import TimeStampedModel
from solidaire.core.text.french import format_date, labelled, starts_with_word


class RegistrationState(models.TextChoices):
    NONE = "none", "Pas d'inscription en ligne"
    NOT_YET = "not_yet", "Inscriptions pas encore ouvertes"
    OPEN = "open", "Inscriptions ouvertes"
    CLOSED = "closed", "Inscriptions closes"

    # What the pages ask of a state, named once (a property is no member of the enum).
    @property
    def is_open(self) -> bool:
        return self == RegistrationState.OPEN

    @property
    def is_not_yet(self) -> bool:
        return self == RegistrationState.NOT_YET

    @property
    def is_closed(self) -> bool:
        return self == RegistrationState.CLOSED


class CongressEdition(TimeStampedModel):
    number = models.PositiveSmallIntegerField("édition", unique=True)
    year = models.PositiveSmallIntegerField("année", unique=True)
    title = models.CharField("titre", max_length=200)
    theme = models.CharField("fil rouge", max_length=300, blank=True)
    starts_on = models.DateField("premier jour")
    ends_on = models.DateField("dernier jour")
    venue = models.CharField("lieu", max_length=200)
    address = models.CharField("adresse", max_length=300, blank=True)
    introduction = models.TextField("présentation", blank=True)
    invitation = models.TextField("texte de l'invitation", blank=True)
    outcome = models.TextField("ce qui en est sorti", blank=True, help_text="Bilan, écrit après le congrès.")
    contact_email = models.EmailField("contact", blank=True)
    registration_opens_at = models.DateTimeField("ouverture des inscriptions", null=True, blank=True)
    registration_closes_at = models.DateTimeField("clôture des inscriptions", null=True, blank=True)
    capacity = models.PositiveIntegerField("capacité totale", null=True, blank=True)
    places_taken = models.PositiveIntegerField("places prises", default=0, editable=False)
    cahier_published_at = models.DateTimeField("cahier des propositions publié le", null=True, blank=True)

    class Meta:
        verbose_name = "édition du congrès"
        verbose_name_plural = "éditions du congrès"
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="%(app_label)s_%(class)s_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(places_taken__lte=F("capacity")),
                name="%(app_label)s_%(class)s_places_within_capacity",
            ),
            models.CheckConstraint(
                condition=Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__isnull=True)
                | Q(registration_closes_at__gt=F("registration_opens_at")),
                name="%(app_label)s_%(class)s_registration_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("congress:edition", kwargs={"year": self.year})

    def is_past(self, today: dt.date | None = None) -> bool:
        return self.ends_on < (today or timezone.localdate())

    def registration_state(self, now: dt.datetime | None = None) -> RegistrationState:
        now = now or timezone.now()
        if self.registration_opens_at is None or self.is_past(timezone.localdate(now)):
            return RegistrationState.NONE if self.registration_opens_at is None else RegistrationState.CLOSED
        if now < self.registration_opens_at:
            return RegistrationState.NOT_YET
        if self.registration_closes_at and now >= self.registration_closes_at:
            return RegistrationState.CLOSED
        return RegistrationState.OPEN


class CongressDay(models.Model):
    edition = models.ForeignKey(
        CongressEdition, on_delete=models.CASCADE, related_name="days", verbose_name="édition"
    )
    date = models.DateField("date")

    class Meta:
        verbose_name = "journée"
        verbose_name_plural = "journées"
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "date"], name="%(app_label)s_%(class)s_unique_date"),
        ]

    def __str__(self) -> str:
        return format_date(self.date)


class Theme(models.Model):
    """One of an edition's themes (l'aide alimentaire, l'insertion…): workshops and proposals
    belong to a theme."""

    edition = models.ForeignKey(
        CongressEdition, on_delete=models.CASCADE, related_name="themes", verbose_name="édition"
    )
    title = models.CharField("thème", max_length=200)
    description = models.TextField("description", blank=True)
    order = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "thème"
        verbose_name_plural = "thèmes"
        ordering = ["edition", "order"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "title"], name="%(app_label)s_%(class)s_unique_title"),
        ]

    def __str__(self) -> str:
        return self.title


class SessionKind(models.TextChoices):
    PLENARY = "plenary", "Plénière"
    WORKSHOP = "workshop", "Atelier"
    LUNCH = "lunch", "Déjeuner"
    OTHER = "other", "Autre temps"


BOOKABLE_KINDS = (SessionKind.WORKSHOP, SessionKind.LUNCH)


class Session(TimeStampedModel):
    """A time of the programme. Workshops that start at the same time on the same day form a
    *slot*: an attendee chooses at most one workshop per slot."""

    day = models.ForeignKey(
        CongressDay, on_delete=models.CASCADE, related_name="sessions", verbose_name="jour"
    )
    kind = models.CharField("type", max_length=20, choices=SessionKind.choices, default=SessionKind.PLENARY)
    title = models.CharField("titre", max_length=200)
    theme = models.ForeignKey(
        Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="sessions", verbose_name="thème"
    )
    starts_at = models.TimeField("début")
    ends_at = models.TimeField("fin")
    room = models.CharField("salle", max_length=100, blank=True)
    description = models.TextField("description", blank=True)
    capacity = models.PositiveIntegerField("capacité", null=True, blank=True)
    places_taken = models.PositiveIntegerField("places prises", default=0, editable=False)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="congress_sessions", verbose_name="animateur·rices"
    )

    class Meta:
        verbose_name = "temps du programme"
        verbose_name_plural = "programme"
        ordering = ["day__date", "starts_at", "kind", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="%(app_label)s_%(class)s_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(places_taken__lte=F("capacity")),
                name="%(app_label)s_%(class)s_places_within_capacity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.day})"

    @property
    def title_names_kind(self) -> bool:
        """« Atelier « Cuisine » » already says it is a workshop: pages do not say it twice."""
        return starts_with_word(self.title, self.get_kind_display())

    @property
    def label(self) -> str:
        """« Atelier « Cuisine » », never « Atelier « Atelier « Cuisine » » »."""
        return labelled(self.get_kind_display(), self.title)

    @property
    def room_label(self) -> str:
        """« salle Bollée » for a room named « Bollée », « Salle Bollée » as it is."""
        return labelled("salle", self.room, quoted=False)

    @property
    def is_bookable(self) -> bool:
        return self.kind in BOOKABLE_KINDS

    @property
    def places_left(self) -> int | None:
        return None if self.capacity is None else max(0, self.capacity - self.places_taken)
