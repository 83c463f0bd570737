"""Initiatives proposed by an association: CCAS staff publish them (as a new series and its first
edition), ask for changes, or refuse them with a reason; the proposer follows the state."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from associations.structures.models import Association
from solidaire.core.db import TimeStampedModel
from solidaire.core.security.storage import private_storage

from ..calendar.models import Edition, SeriesKind, validate_no_html


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", "À examiner par le CCAS"
    CHANGES_REQUESTED = "changes", "Modifications demandées"
    PUBLISHED = "published", "Publiée"
    REFUSED = "refused", "Refusée"


class EventProposal(TimeStampedModel):
    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="event_proposals", verbose_name="structure"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_proposals",
        verbose_name="proposé par",
    )
    title = models.CharField("titre de l'événement", max_length=200)
    kind = models.CharField("type", max_length=16, choices=SeriesKind, default=SeriesKind.AUTRE)
    recurring = models.BooleanField(
        "événement appelé à revenir",
        default=False,
        help_text="Cochez si vous souhaitez le renouveler chaque année.",
    )
    description = models.TextField(
        "description", max_length=5000, help_text="Markdown (sans HTML).", validators=[validate_no_html]
    )
    starts_at = models.DateTimeField("début")
    ends_at = models.DateTimeField("fin")
    venue_name = models.CharField("lieu", max_length=200)
    street = models.CharField("adresse du lieu", max_length=200, blank=True)
    # Waits in the private storage (no public URL) until the proposal is published: the edition
    # then gets its own public copy. Re-encoded under a random name by the service.
    image = models.ImageField(
        "image", upload_to="events/proposals/pending/", storage=private_storage, blank=True
    )
    image_alt = models.CharField("texte alternatif de l'image", max_length=250, blank=True)
    status = models.CharField(
        "statut", max_length=10, choices=ProposalStatus, default=ProposalStatus.SUBMITTED
    )
    staff_message = models.CharField("message du CCAS", max_length=1000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="décidé par",
    )
    decided_at = models.DateTimeField("décidé le", null=True, blank=True)
    edition = models.ForeignKey(
        Edition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name="édition publiée",
    )

    class Meta:
        verbose_name = "proposition d'événement"
        verbose_name_plural = "propositions d'événements"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")), name="%(app_label)s_%(class)s_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_pending(self) -> bool:
        """Waiting for a CCAS decision."""
        return self.status == ProposalStatus.SUBMITTED

    @property
    def changes_requested(self) -> bool:
        """Sent back to the structure, which may edit and send it again."""
        return self.status == ProposalStatus.CHANGES_REQUESTED
