"""The cahier des propositions of an edition, a renderer of the shared documents machinery.
Staff produce it at any time; it is public once published."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone

from congress.editions.models import CongressEdition
from congress.editions.permissions import can_manage_congress
from solidaire.core.documents import pdf
from solidaire.core.documents.registry import Progress, Rendered, Renderer, fingerprint_of, register

from . import selectors
from .models import Proposal, ProposalStatus
from .services import CAHIER


def _edition(params: dict) -> CongressEdition:
    return CongressEdition.objects.get(year=params["year"])


class CahierRenderer(Renderer):
    kind = CAHIER
    label = "Cahier des propositions du congrès"

    def clean_params(self, params: dict) -> dict:
        year = params.get("year")
        if not isinstance(year, int) or not CongressEdition.objects.filter(year=year).exists():
            raise ValidationError("Édition du congrès inconnue.")
        return {"year": year}

    def can_request(self, user, params: dict) -> bool:
        return can_manage_congress(user)

    def can_view(self, user, params: dict) -> bool:
        if can_manage_congress(user):
            return True
        return CongressEdition.objects.filter(
            year=params.get("year"), cahier_published_at__isnull=False
        ).exists()

    def fingerprint(self, params: dict) -> str:
        # A proposal kept, changed or dropped after publication makes the cahier stale.
        kept = Proposal.objects.filter(theme__edition__year=params["year"], status=ProposalStatus.KEPT)
        return fingerprint_of(
            list(kept.order_by("pk").values_list("pk", "updated_at", "theme__title")),
            list(CongressEdition.objects.filter(year=params["year"]).values_list("updated_at")),
        )

    def describe(self, params: dict) -> str:
        return f"Cahier des propositions du congrès {params.get('year')}"

    def render(self, params: dict, progress: Progress) -> Rendered:
        progress(10, "Lecture des propositions retenues")
        edition = _edition(params)
        themes = selectors.proposals_by_theme(edition, kept_only=True)
        progress(40, "Mise en page du cahier")
        content = pdf.render_pdf(
            "pdf/congress_cahier.html",
            {
                "edition": edition,
                "themes": themes,
                "count": sum(len(t.proposals) for t in themes),
                "generated_on": timezone.localdate(),
            },
        )
        return Rendered(content=content, download_name=f"cahier-des-propositions-congres-{edition.year}.pdf")


register(CahierRenderer())
