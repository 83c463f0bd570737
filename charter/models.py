"""The charter (versioned, structured text), the structures that signed it, its cached PDFs."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse

from associations.structures.models import Association
from solidaire.core.db import TimeStampedModel, actor_field

MARKDOWN_HELP = (
    "Mise en forme Markdown simple : paragraphes séparés par une ligne vide, "
    "listes (-), **gras**, *italique*, sous-titres (###). Aucun script n'est accepté."
)


class CharterVersion(TimeStampedModel):
    """One version of the charter. Drafts have no adoption date; one adopted version is current."""

    number = models.PositiveSmallIntegerField("version", unique=True)
    title = models.CharField("titre", max_length=200, default="Charte « Le Mans Solidaire »")
    adopted_on = models.DateField(
        "adoptée le", null=True, blank=True, help_text="Laisser vide tant que la version est un brouillon."
    )
    changes_summary = models.TextField("résumé des changements", blank=True)
    is_current = models.BooleanField("version en vigueur", default=False, editable=False)
    foreword_title = models.CharField(
        "titre de l'avant-propos", max_length=200, blank=True, default="Avant-propos"
    )
    foreword = models.TextField("avant-propos", blank=True, help_text=MARKDOWN_HELP)
    foreword_author = models.CharField("auteur de l'avant-propos", max_length=150, blank=True)
    foreword_author_role = models.TextField(
        "fonctions de l'auteur", blank=True, help_text="Une fonction par ligne."
    )

    class Meta:
        verbose_name = "version de la charte"
        verbose_name_plural = "versions de la charte"
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="%(app_label)s_%(class)s_one_current",
            ),
            models.CheckConstraint(
                condition=Q(is_current=False) | Q(adopted_on__isnull=False),
                name="%(app_label)s_%(class)s_current_is_adopted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} — version {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("charter:version_detail", kwargs={"number": self.number})

    @property
    def is_adopted(self) -> bool:
        return self.adopted_on is not None

    @property
    def foreword_author_role_lines(self) -> list[str]:
        return [line.strip() for line in self.foreword_author_role.splitlines() if line.strip()]


class CharterSection(models.Model):
    """A numbered part of a version: its text, then its values and articles, then a closing text."""

    version = models.ForeignKey(
        CharterVersion, on_delete=models.CASCADE, related_name="sections", verbose_name="version"
    )
    number = models.PositiveSmallIntegerField("numéro")
    title = models.CharField("titre", max_length=200)
    body = models.TextField("texte d'introduction", blank=True, help_text=MARKDOWN_HELP)
    closing = models.TextField("texte de conclusion", blank=True, help_text=MARKDOWN_HELP)

    class Meta:
        verbose_name = "partie de la charte"
        verbose_name_plural = "parties de la charte"
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "number"], name="%(app_label)s_%(class)s_number_per_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} – {self.title}"

    @property
    def anchor(self) -> str:
        return f"partie-{self.number}"


class CharterValue(models.Model):
    """One of the common values listed in a section (« La solidarité, le partage »)."""

    section = models.ForeignKey(
        CharterSection, on_delete=models.CASCADE, related_name="values", verbose_name="partie"
    )
    order = models.PositiveSmallIntegerField("ordre", default=0)
    label = models.CharField("valeur", max_length=200)

    class Meta:
        verbose_name = "valeur"
        verbose_name_plural = "valeurs"
        ordering = ["section", "order", "id"]

    def __str__(self) -> str:
        return self.label


class CharterArticle(models.Model):
    """A commitment of the signatories (« Article 1 : Faire avec… »), acknowledged when signing."""

    section = models.ForeignKey(
        CharterSection, on_delete=models.CASCADE, related_name="articles", verbose_name="partie"
    )
    number = models.PositiveSmallIntegerField("numéro d'article")
    title = models.CharField("engagement", max_length=500)
    body = models.TextField("texte", blank=True, help_text=MARKDOWN_HELP)

    class Meta:
        verbose_name = "article"
        verbose_name_plural = "articles"
        ordering = ["section__number", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["section", "number"], name="%(app_label)s_%(class)s_number_per_section"
            ),
        ]

    def __str__(self) -> str:
        return f"Article {self.number} : {self.title}"

    @property
    def anchor(self) -> str:
        return f"article-{self.number}"


class SignatureStatus(models.TextChoices):
    REQUESTED = "requested", "Demandée"
    SIGNED = "signed", "Signée"
    REJECTED = "rejected", "Refusée"
    WITHDRAWN = "withdrawn", "Retirée"


ACTIVE_STATUSES = [SignatureStatus.REQUESTED, SignatureStatus.SIGNED]


class Signature(TimeStampedModel):
    """A structure's signature of one version of the charter. Never deleted: a refused or
    withdrawn signature keeps its date and reason."""

    association = models.ForeignKey(
        Association, on_delete=models.PROTECT, related_name="signatures", verbose_name="structure"
    )
    version = models.ForeignKey(
        CharterVersion, on_delete=models.PROTECT, related_name="signatures", verbose_name="version"
    )
    status = models.CharField(
        "statut", max_length=12, choices=SignatureStatus, default=SignatureStatus.REQUESTED
    )
    representative_name = models.CharField("représentant·e", max_length=150)
    representative_role = models.CharField("fonction", max_length=150, blank=True)
    acknowledged_articles = models.JSONField("articles approuvés", default=list, blank=True)
    requested_by = actor_field("demandée par")
    signed_on = models.DateField("signée le", null=True, blank=True)
    decided_by = actor_field("décidée par")
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)
    rejection_reason = models.TextField("motif du refus", blank=True)
    withdrawn_on = models.DateField("retirée le", null=True, blank=True)
    withdrawal_reason = models.TextField("motif du retrait", blank=True)

    class Meta:
        verbose_name = "signature"
        verbose_name_plural = "signatures"
        ordering = ["association__name", "-version__number"]
        constraints = [
            # One live signature (asked for or signed) per structure and version; refused or
            # withdrawn ones stay as history and do not block a new request.
            models.UniqueConstraint(
                fields=["association", "version"],
                condition=Q(status__in=["requested", "signed"]),
                name="%(app_label)s_%(class)s_one_active_per_version",
            ),
            models.CheckConstraint(
                condition=~Q(status="signed") | Q(signed_on__isnull=False),
                name="%(app_label)s_%(class)s_signed_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="withdrawn") | (Q(withdrawn_on__isnull=False) & ~Q(withdrawal_reason="")),
                name="%(app_label)s_%(class)s_withdrawn_has_date_and_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="%(app_label)s_%(class)s_rejected_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["status", "association"], name="charter_signature_status_idx")]

    def __str__(self) -> str:
        return f"{self.association} — v{self.version.number} ({self.get_status_display()})"

    @property
    def is_requested(self) -> bool:
        return self.status == SignatureStatus.REQUESTED

    @property
    def is_signed(self) -> bool:
        return self.status == SignatureStatus.SIGNED

    @property
    def is_rejected(self) -> bool:
        return self.status == SignatureStatus.REJECTED


class SignatureInvitation(models.Model):
    """Staff asked a signatory to sign a newer version (once per structure and version)."""

    version = models.ForeignKey(
        CharterVersion, on_delete=models.CASCADE, related_name="invitations", verbose_name="version"
    )
    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="charter_invitations", verbose_name="structure"
    )
    sent_at = models.DateTimeField("envoyée le", auto_now_add=True)
    sent_by = actor_field("envoyée par")

    class Meta:
        verbose_name = "invitation à signer"
        verbose_name_plural = "invitations à signer"
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "association"], name="%(app_label)s_%(class)s_once_per_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.association} — version {self.version.number}"
