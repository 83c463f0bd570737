"""The CCAS's list of event proposals: by year of the proposed date, state and structure."""

from __future__ import annotations

from ..calendar.queues import StaffQueueFilter
from .models import EventProposal, ProposalStatus


class StaffProposalFilter(StaffQueueFilter):
    pending = ProposalStatus.SUBMITTED
    state_choices = ProposalStatus.choices
    year_field = "starts_at"

    class Meta:
        model = EventProposal
        fields: list[str] = []
