"""Whom a change to an edition concerns."""

from __future__ import annotations

from itertools import chain

from ..calendar.models import Edition
from ..participation.models import Participation, ParticipationStatus
from ..participation.selectors import structure_recipients
from ..proposals.models import EventProposal
from ..proposals.selectors import proposer_recipients


def people_to_tell(*, edition: Edition) -> list[str]:
    """The addresses to tell when `edition` is cancelled or moved, each once: the structures whose
    participation is accepted or still waiting for an answer (written to as their decision was),
    and the proposer when the edition came from a proposal. Two queries."""
    participations = Participation.objects.filter(
        edition=edition, status__in=(ParticipationStatus.ACCEPTED, ParticipationStatus.PENDING)
    ).select_related("association", "applied_by")
    proposals = EventProposal.objects.filter(edition=edition).select_related("association", "proposed_by")
    addresses = chain(
        chain.from_iterable(structure_recipients(p) for p in participations),
        chain.from_iterable(proposer_recipients(p) for p in proposals),
    )
    # One e-mail a person: a structure's contact is often also its member's login, typed with
    # another case.
    unique: dict[str, str] = {}
    for address in addresses:
        unique.setdefault(address.strip().lower(), address.strip())
    return sorted(unique.values(), key=str.lower)
