"""The congress's line in the staff home's to-do list: proposals waiting to be examined."""

from __future__ import annotations

from django.db.models import Count, Min, Q
from django.urls import reverse

from congress.editions.permissions import can_manage_congress
from solidaire.core.worklist import PendingWork, register_provider

from .models import Proposal, ProposalStatus


def pending_proposals(user) -> list[PendingWork]:
    """Proposals to examine, for staff (all) and facilitators (their themes); one query."""
    if not getattr(user, "is_authenticated", False):
        return []
    waiting = Proposal.objects.filter(
        status=ProposalStatus.SUBMITTED, theme__edition__cahier_published_at__isnull=True
    )
    if not can_manage_congress(user):
        waiting = waiting.filter(theme__sessions__facilitators=user).distinct()
    lines = []
    per_edition = waiting.values("theme__edition__year").annotate(
        n=Count("pk", distinct=True), oldest=Min("created_at")
    )
    for row in per_edition.filter(~Q(n=0)).order_by("theme__edition__year"):
        year = row["theme__edition__year"]
        lines.append(
            PendingWork(
                label=f"Propositions du congrès {year} à examiner",
                count=row["n"],
                url=reverse("congress:proposals", args=[year]),
                oldest=row["oldest"],
                section="Congrès",
            )
        )
    return lines


register_provider("congress.proposals", pending_proposals, covers=["congress.Proposal.submitted"])
