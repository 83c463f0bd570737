"""Reads of the CCAS follow-up page."""

from __future__ import annotations

from associations.structures import selectors as structure_selectors
from associations.structures.models import ChangeProposal

PER_LIST = 100


def changes_to_moderate() -> list[ChangeProposal]:
    """The pending changes (the first hundred), with the thematiques of the services they name."""
    return list(
        structure_selectors.change_proposals_pending().prefetch_related("service__thematiques")[:PER_LIST]
    )
