"""The CCAS's list of participations: by year of the edition, state and structure."""

from __future__ import annotations

from ..calendar.queues import StaffQueueFilter
from .models import Participation, ParticipationStatus


class StaffParticipationFilter(StaffQueueFilter):
    pending = ParticipationStatus.PENDING
    state_choices = ParticipationStatus.choices
    year_field = "edition__starts_at"

    class Meta:
        model = Participation
        fields: list[str] = []
