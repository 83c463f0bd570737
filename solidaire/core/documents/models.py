"""A generated document (a PDF rendered in the background) and its state.

One row per kind and parameters: regenerating the same document reuses the row, and its file is
replaced only once the new one is complete. `revision` goes up whenever a new rendering is asked
for (the source changed, staff regenerate); the stored file is up to date when it was rendered
from the latest revision. `fingerprint` is what the renderer said of its source data when the file
was produced: when the renderer now says something else, the file is stale and produced again.
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q

from solidaire.core.db import TimeStampedModel
from solidaire.core.security.storage import private_storage


class DocumentStatus(models.TextChoices):
    QUEUED = "queued", "En attente"
    RUNNING = "running", "En cours"
    DONE = "done", "Prêt"
    FAILED = "failed", "Échec"


class StorageArea(models.TextChoices):
    PUBLIC = "public", "Public (fichiers du portail)"
    PRIVATE = "private", "Privé (servi après contrôle des droits)"


def params_key(params: dict) -> str:
    """A stable key for a parameter set: the same parameters in any order give the same key."""
    canonical = json.dumps(params or {}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:32]


class GeneratedDocument(TimeStampedModel):
    kind = models.CharField("type de document", max_length=60, db_index=True)
    params = models.JSONField("paramètres", default=dict, blank=True)
    params_key = models.CharField("clé des paramètres", max_length=32, editable=False)
    status = models.CharField(
        "état", max_length=10, choices=DocumentStatus, default=DocumentStatus.QUEUED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(
        "avancement (%)", default=0, validators=[MaxValueValidator(100)]
    )
    step = models.CharField("étape", max_length=200, blank=True)
    error = models.TextField("erreur", blank=True)
    revision = models.PositiveIntegerField("révision demandée", default=1)
    rendered_revision = models.PositiveIntegerField("révision produite", null=True, blank=True)
    storage_area = models.CharField(
        "stockage", max_length=10, choices=StorageArea, default=StorageArea.PRIVATE
    )
    file_name = models.CharField("fichier", max_length=255, blank=True)
    download_name = models.CharField("nom de téléchargement", max_length=200, blank=True)
    size = models.PositiveBigIntegerField("taille (octets)", null=True, blank=True)
    checksum = models.CharField("empreinte SHA-256", max_length=64, blank=True)
    stamp = models.CharField("marque de version", max_length=80, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="demandé par",
    )
    requested_at = models.DateTimeField("demandé le", null=True, blank=True)
    started_at = models.DateTimeField("commencé le", null=True, blank=True)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)
    data_as_of = models.DateTimeField("données arrêtées le", null=True, blank=True)
    produced_at = models.DateTimeField("fichier produit le", null=True, blank=True)
    fingerprint = models.CharField(
        "empreinte des données",
        max_length=64,
        blank=True,
        help_text="L'état des données du fichier ; s'il change, le document est produit à nouveau.",
    )
    attempts = models.PositiveSmallIntegerField("essais", default=0)

    class Meta:
        verbose_name = "document produit"
        verbose_name_plural = "documents produits"
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "params_key"], name="%(app_label)s_%(class)s_one_per_params"
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="%(app_label)s_%(class)s_progress_max_100"
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | ~Q(file_name=""), name="%(app_label)s_%(class)s_done_has_file"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        self.params_key = params_key(self.params)
        super().save(*args, **kwargs)

    @property
    def storage(self):
        return default_storage if self.storage_area == StorageArea.PUBLIC else private_storage()

    @property
    def has_file(self) -> bool:
        return bool(self.file_name)

    @property
    def is_up_to_date(self) -> bool:
        return self.has_file and self.rendered_revision == self.revision

    @property
    def is_finished(self) -> bool:
        return self.status in (DocumentStatus.DONE, DocumentStatus.FAILED)
