"""Registrations to a congress edition and their bookings (workshops, lunches) with the waiting
list: a booking holds a place (`place`), is offered a freed place to confirm before a deadline
(`offered`), waits (`waiting`) or was given back (`released`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from congress.editions.models import CongressDay, CongressEdition, Session
from solidaire.core.db import TimeStampedModel


class Civility(models.TextChoices):
    MADAME = "mme", "Madame"
    MONSIEUR = "m", "Monsieur"
    OTHER = "autre", "Ne pas préciser"


class OrganisationKind(models.TextChoices):
    ASSOCIATION = "association", "Association"
    CCAS = "ccas", "CCAS / CIAS"
    SOCIAL_CENTRE = "centre_social", "Centre social"
    INSTITUTION = "institution", "Institution"
    ELECTED = "elu", "Élu·e"
    INDIVIDUAL = "particulier", "Particulier"
    OTHER = "autre", "Autre"


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", "En attente de confirmation de l'adresse"
    CONFIRMED = "confirmed", "Confirmée"
    CANCELLED = "cancelled", "Annulée"
    EXPIRED = "expired", "Expirée (adresse non confirmée à temps)"
    # The congress's own waiting list, when the edition's overall capacity is full.
    WAITING = "waiting", "Sur la liste d'attente du congrès"
    OFFERED = "offered", "Place au congrès proposée, à confirmer"
    LAPSED = "lapsed", "Place au congrès proposée, non confirmée à temps"


ACTIVE_STATUSES = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED)
# On the congress's waiting list: no place yet, but the address counts as registered.
WAITLIST_STATUSES = (RegistrationStatus.WAITING, RegistrationStatus.OFFERED)
# What uses up a place of the edition's overall capacity (an offer keeps it until it lapses).
EDITION_HOLDING_STATUSES = (*ACTIVE_STATUSES, RegistrationStatus.OFFERED)

# The personal data a registration holds, in one list read by the form (which asks for it), the
# services (which keep it) and the privacy rules (which erase it): who the person is, then what
# they need and agreed to.
IDENTITY_FIELDS = (
    "civility",
    "last_name",
    "first_name",
    "email",
    "phone",
    "organisation",
    "organisation_kind",
    "role",
    "city",
    "country",
)
NEEDS_AND_CONSENTS = ("dietary_needs", "accessibility_needs", "consent_public_list", "consent_image")
PERSONAL_FIELDS = (*IDENTITY_FIELDS, *NEEDS_AND_CONSENTS, "consent_processing")
# Kept when a registration is anonymised: what the statistics count (kind of organisation,
# country) and the proof that the processing was agreed to.
KEPT_WHEN_ANONYMISED = ("organisation_kind", "country", "consent_processing")


class Registration(TimeStampedModel):
    edition = models.ForeignKey(
        CongressEdition, on_delete=models.PROTECT, related_name="registrations", verbose_name="édition"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="congress_registrations",
        verbose_name="compte",
    )
    status = models.CharField(
        "état", max_length=20, choices=RegistrationStatus.choices, default=RegistrationStatus.PENDING
    )
    token = models.CharField("jeton", max_length=64, unique=True, editable=False)
    checkin_code = models.CharField("code d'accueil", max_length=12, unique=True, editable=False)
    civility = models.CharField("civilité", max_length=10, choices=Civility.choices)
    last_name = models.CharField("nom", max_length=100)
    first_name = models.CharField("prénom", max_length=100)
    email = models.EmailField("adresse e-mail", max_length=254)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    organisation = models.CharField("organisme", max_length=200, blank=True)
    organisation_kind = models.CharField("type d'organisme", max_length=20, choices=OrganisationKind.choices)
    role = models.CharField("fonction", max_length=200, blank=True)
    city = models.CharField("ville", max_length=100)
    country = models.CharField("pays", max_length=100, default="France")
    days = models.ManyToManyField(CongressDay, related_name="registrations", verbose_name="jours de présence")
    dietary_needs = models.CharField("régime alimentaire", max_length=500, blank=True)
    accessibility_needs = models.CharField("besoins d'accessibilité", max_length=500, blank=True)
    consent_processing = models.BooleanField("accord pour le traitement des données", default=False)
    consent_public_list = models.BooleanField("accord pour figurer dans la liste publique", default=False)
    consent_image = models.BooleanField("droit à l'image", default=False)
    expires_at = models.DateTimeField("à confirmer avant", null=True, blank=True)
    offered_until = models.DateTimeField("place au congrès à confirmer avant", null=True, blank=True)
    confirmed_at = models.DateTimeField("confirmée le", null=True, blank=True)
    cancelled_at = models.DateTimeField("annulée le", null=True, blank=True)
    checked_in_at = models.DateTimeField("arrivée le", null=True, blank=True)
    anonymised_at = models.DateTimeField("anonymisée le", null=True, blank=True)
    # The SEQUENCE of the attendee's calendar file: raised at each change sent to them.
    calendar_sequence = models.PositiveIntegerField("révision de l'agenda envoyé", default=0, editable=False)

    class Meta:
        verbose_name = "inscription au congrès"
        verbose_name_plural = "inscriptions au congrès"
        ordering = ["edition", "last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "email"],
                condition=Q(status__in=["pending", "confirmed", "waiting", "offered"]) & ~Q(email=""),
                name="%(app_label)s_%(class)s_one_active_per_email",
            ),
            models.CheckConstraint(
                condition=Q(consent_processing=True) | Q(anonymised_at__isnull=False),
                name="%(app_label)s_%(class)s_consent_required",
            ),
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(offered_until__isnull=False),
                name="%(app_label)s_%(class)s_offer_has_deadline",
            ),
        ]
        indexes = [models.Index(fields=["edition", "status"], name="congress_reg_edition_status")]

    def __str__(self) -> str:
        if self.anonymised_at:
            return f"Inscription anonymisée n° {self.pk}"
        return f"{self.first_name} {self.last_name}"

    def get_absolute_url(self) -> str:
        return reverse("congress:registration", kwargs={"token": self.token})

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def is_pending(self) -> bool:
        return self.status == RegistrationStatus.PENDING

    @property
    def is_confirmed(self) -> bool:
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def is_waiting(self) -> bool:
        return self.status == RegistrationStatus.WAITING

    @property
    def is_offered(self) -> bool:
        return self.status == RegistrationStatus.OFFERED

    @property
    def is_on_waiting_list(self) -> bool:
        """Waiting for a place at the congress, or offered one not yet taken."""
        return self.status in WAITLIST_STATUSES


class BookingStatus(models.TextChoices):
    PLACE = "place", "Place réservée"
    OFFERED = "offered", "Place libérée pour vous, à confirmer"
    WAITING = "waiting", "Liste d'attente"
    RELEASED = "released", "Libérée"


# Bookings that use up a place (an offer keeps the place until it lapses).
HOLDING_STATUSES = (BookingStatus.PLACE, BookingStatus.OFFERED)


class Booking(TimeStampedModel):
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="bookings", verbose_name="inscription"
    )
    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, related_name="bookings", verbose_name="atelier ou déjeuner"
    )
    status = models.CharField("état", max_length=20, choices=BookingStatus.choices)
    offered_until = models.DateTimeField("à confirmer avant", null=True, blank=True)

    class Meta:
        verbose_name = "réservation"
        verbose_name_plural = "réservations"
        ordering = ["session", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"], name="%(app_label)s_%(class)s_unique_session"
            ),
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(offered_until__isnull=False),
                name="%(app_label)s_%(class)s_offer_has_deadline",
            ),
        ]
        indexes = [models.Index(fields=["session", "status"], name="congress_booking_sess_status")]

    def __str__(self) -> str:
        return f"{self.session} — {self.get_status_display()}"

    @property
    def is_offered(self) -> bool:
        return self.status == BookingStatus.OFFERED

    @property
    def is_waiting(self) -> bool:
        return self.status == BookingStatus.WAITING
