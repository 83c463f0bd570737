"""Reads on proposals."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from congress.editions.models import CongressEdition, Theme

from .models import Proposal, ProposalStatus


@dataclass
class ThemeProposals:
    theme: Theme
    proposals: list[Proposal]


def proposals_by_theme(edition: CongressEdition, *, kept_only: bool = False) -> list[ThemeProposals]:
    """The edition's proposals grouped by theme (two queries); merged ones left out."""
    queryset = Proposal.objects.exclude(status=ProposalStatus.MERGED).order_by("group_label", "created_at")
    if kept_only:
        queryset = queryset.filter(status=ProposalStatus.KEPT)
    themes = edition.themes.order_by("order").prefetch_related(Prefetch("proposals", queryset=queryset))
    return [ThemeProposals(theme=t, proposals=list(t.proposals.all())) for t in themes]


def proposals_with_edition() -> QuerySet[Proposal]:
    """Proposals with their theme and edition (what the facilitators' rule reads)."""
    return Proposal.objects.select_related("theme__edition")
