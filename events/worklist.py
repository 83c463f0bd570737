"""The staff home's to-do lines for events: applications and proposals waiting for CCAS staff."""

from __future__ import annotations

from django.urls import reverse

from solidaire.core.worklist import PendingWork, register_provider

from .calendar.permissions import can_decide
from .participation.selectors import pending_summary as pending_participations
from .proposals.selectors import pending_summary as pending_proposals

SECTION = "Événements"


def pending_event_work(user) -> list[PendingWork]:
    if not can_decide(user):
        return []
    participations, proposals = pending_participations(), pending_proposals()
    return [
        PendingWork(
            label="Participations d'associations à des événements à traiter",
            count=participations["count"],
            url=reverse("events:staff_participations"),
            oldest=participations["oldest"],
            section=SECTION,
        ),
        PendingWork(
            label="Propositions d'événements à examiner",
            count=proposals["count"],
            url=reverse("events:staff_proposals"),
            oldest=proposals["oldest"],
            section=SECTION,
        ),
    ]


register_provider(
    "events.pending",
    pending_event_work,
    covers=["events.Participation.pending", "events.EventProposal.submitted"],
)
