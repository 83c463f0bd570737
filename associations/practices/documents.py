"""The network's booklet « Pratiques inspirantes », a renderer of the generated-documents
machinery: one published practice per page, like the booklet's cards. Staff ask for it; it is
produced again whenever the published practices change (its fingerprint)."""

from __future__ import annotations

from django.utils import timezone

from solidaire.core.documents import pdf
from solidaire.core.documents.registry import Progress, Rendered, Renderer, fingerprint_of, register

from . import selectors

BOOKLET = "associations.practices_booklet"


class PracticesBookletRenderer(Renderer):
    kind = BOOKLET
    label = "Livret « Pratiques inspirantes »"

    def fingerprint(self, params: dict) -> str:
        # A practice published, changed or archived since makes the booklet stale.
        published = selectors.practices_published().prefetch_related(None)
        return fingerprint_of(list(published.values_list("pk", "updated_at", "association__name")))

    def render(self, params: dict, progress: Progress) -> Rendered:
        progress(10, "Lecture des pratiques publiées")
        practices = selectors.practices_for_booklet()
        progress(40, f"Mise en page de {len(practices)} pratique{'s' if len(practices) > 1 else ''}")
        today = timezone.localdate()
        content = pdf.render_pdf(
            "pdf/practices_booklet.html", {"practices": practices, "generated_on": today}
        )
        return Rendered(
            content=content,
            download_name=f"pratiques-inspirantes-{today:%Y-%m-%d}.pdf",
            data_as_of=timezone.now(),
        )


register(PracticesBookletRenderer())
