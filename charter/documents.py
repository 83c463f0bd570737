"""The charter's PDFs, as renderers of the shared generated-documents machinery.

Both are public. Whenever their source changes, the charter's services ask for a new rendering
(`document_invalidate`); the public URLs serve only an up-to-date file and never render inside
a request (`solidaire.core.documents.views.document_response`).
"""

from __future__ import annotations

from django.utils import timezone

from solidaire.core.documents import pdf
from solidaire.core.documents.models import StorageArea
from solidaire.core.documents.registry import Progress, Rendered, Renderer, fingerprint_of, register

from . import selectors
from .models import CharterVersion, Signature, SignatureStatus

CHARTER = "charter.charter"
SIGNATORIES = "charter.signatories"


class _PublicCharterDocument(Renderer):
    storage_area = StorageArea.PUBLIC
    # A stale list or text must not be handed out as current: wait for the new one.
    serve_while_stale = False

    def can_view(self, user, params: dict) -> bool:
        return True


class CharterRenderer(_PublicCharterDocument):
    kind = CHARTER
    label = "La charte (version en vigueur)"

    def fingerprint(self, params: dict) -> str:
        return fingerprint_of(
            list(CharterVersion.objects.filter(is_current=True).values_list("pk", "updated_at"))
        )

    def render(self, params: dict, progress: Progress) -> Rendered:
        progress(10, "Lecture de la version en vigueur")
        version = selectors.version_with_content()
        if version is None:
            raise LookupError("Aucune version de la charte n'est en vigueur.")
        progress(40, "Mise en page du texte")
        content = pdf.render_pdf("pdf/charter.html", {"version": version})
        return Rendered(
            content=content,
            download_name=f"charte-le-mans-solidaire-v{version.number}.pdf",
            stamp=f"v{version.number}",
        )


class SignatoriesRenderer(_PublicCharterDocument):
    kind = SIGNATORIES
    label = "La liste des signataires"

    def fingerprint(self, params: dict) -> str:
        # The services invalidate it on each signature; this also catches changes made elsewhere
        # (a structure renamed, a signature changed in the admin).
        signed = Signature.objects.filter(status=SignatureStatus.SIGNED).order_by("pk")
        return fingerprint_of(
            list(signed.values_list("pk", "updated_at", "association__name", "association__kind")),
            list(CharterVersion.objects.filter(is_current=True).values_list("pk", "number")),
        )

    def render(self, params: dict, progress: Progress) -> Rendered:
        progress(10, "Lecture des signataires")
        version = selectors.version_with_content()
        groups = selectors.signatories()
        progress(40, "Mise en page de la liste")
        content = pdf.render_pdf(
            "pdf/signatories.html",
            {
                "version": version,
                "groups": groups,
                "signatory_count": sum(len(g.signatories) for g in groups),
                "generated_on": timezone.localdate(),
            },
        )
        label = f"v{version.number}" if version else "v0"
        return Rendered(
            content=content, download_name=f"signataires-charte-le-mans-solidaire-{label}.pdf", stamp=label
        )


register(CharterRenderer())
register(SignatoriesRenderer())
