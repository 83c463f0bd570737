"""Writes on proposals: attendees and facilitators submit them per theme; facilitators group,
merge and edit them; staff publish the edition's cahier des propositions."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from congress.editions.models import CongressEdition, Theme
from congress.editions.permissions import can_facilitate, can_manage_congress
from congress.registrations.models import Registration, RegistrationStatus
from solidaire.core.documents.services import document_invalidate

from .models import Proposal, ProposalStatus

CAHIER = "congress.cahier"


def _check_submitter(*, theme: Theme, user, registration: Registration | None) -> str:
    """A confirmed attendee of the edition (through their private link) or a facilitator may
    submit; returns the name shown as author."""
    if registration is not None:
        if registration.edition_id != theme.edition_id or registration.status != RegistrationStatus.CONFIRMED:
            raise PermissionDenied("Seules les personnes dont l'inscription est confirmée peuvent proposer.")
        return f"{registration.first_name} {registration.last_name}"
    if user is not None and can_facilitate(user, theme):
        return getattr(user, "full_name", "") or user.email
    raise PermissionDenied("Seules les personnes inscrites et les animateur·rices peuvent proposer.")


def _check_daily_allowance(registration: Registration) -> None:
    """At most CONGRESS_PROPOSALS_PER_DAY proposals per registration in 24 hours (the
    registration's row is locked so that two simultaneous posts cannot both pass)."""
    Registration.objects.select_for_update().filter(pk=registration.pk).exists()
    limit = settings.CONGRESS_PROPOSALS_PER_DAY
    since = timezone.now() - dt.timedelta(days=1)
    made = Proposal.objects.filter(registration_token=registration.token, created_at__gte=since).count()
    if made >= limit:
        raise ValidationError(
            f"Vous avez déjà fait {limit} propositions en 24 heures, le maximum : vous pourrez en "
            "faire d'autres demain. Pour une proposition urgente, écrivez à l'équipe du congrès."
        )


@transaction.atomic
def proposal_submit(
    *, theme: Theme, title: str, body: str, user=None, registration: Registration | None = None
) -> Proposal:
    """Submit a proposal on a theme, before or during the congress (not once the cahier is
    published)."""
    author_name = _check_submitter(theme=theme, user=user, registration=registration)
    if theme.edition.cahier_published_at:
        raise ValidationError("Le cahier des propositions est publié : il n'est plus possible d'en ajouter.")
    if registration is not None:
        _check_daily_allowance(registration)
    proposal = Proposal(
        theme=theme,
        title=title.strip(),
        body=body.strip(),
        author_name=author_name[:200],
        author=user if getattr(user, "is_authenticated", False) else None,
        registration_token=registration.token if registration else "",
    )
    proposal.full_clean()
    proposal.save()
    return proposal


def _check_facilitator(user, theme: Theme) -> None:
    if not can_facilitate(user, theme):
        raise PermissionDenied(
            "Seul·es les animateur·rices de ce thème et le CCAS peuvent modifier ces propositions."
        )


@transaction.atomic
def proposal_edit(
    *, proposal: Proposal, by, title: str, body: str, group_label: str, status: str
) -> Proposal:
    """A facilitator rewrites, groups (a shared label) and keeps or sets aside a proposal."""
    _check_facilitator(by, proposal.theme)
    if status == ProposalStatus.MERGED:
        raise ValidationError({"status": "Pour fusionner, choisissez la proposition qui la reprend."})
    proposal.title, proposal.body, proposal.group_label = title.strip(), body.strip(), group_label.strip()
    proposal.status = status
    proposal.merged_into = None
    proposal.full_clean()
    proposal.save()
    return proposal


@transaction.atomic
def proposal_merge(*, proposal: Proposal, into: Proposal, by) -> Proposal:
    """Fold a proposal into another of the same theme: its text is appended to the other's."""
    _check_facilitator(by, proposal.theme)
    if into.pk == proposal.pk or into.theme_id != proposal.theme_id or into.status == ProposalStatus.MERGED:
        raise ValidationError(
            "Une proposition ne peut être fusionnée que dans une autre proposition du même thème."
        )
    into.body = f"{into.body}\n\n{proposal.body}".strip()[:3000]
    into.full_clean()
    into.save()
    proposal.status, proposal.merged_into = ProposalStatus.MERGED, into
    proposal.full_clean()
    proposal.save()
    Proposal.objects.filter(merged_into=proposal).update(merged_into=into)
    return proposal


@transaction.atomic
def cahier_publish(*, edition: CongressEdition, by) -> CongressEdition:
    """Publish the cahier des propositions: it becomes public on the edition page, and its PDF
    is produced again from the kept proposals."""
    if not can_manage_congress(by):
        raise PermissionDenied("Seul le CCAS publie le cahier des propositions.")
    if not Proposal.objects.filter(theme__edition=edition, status=ProposalStatus.KEPT).exists():
        raise ValidationError("Aucune proposition n'est retenue : le cahier serait vide.")
    edition.cahier_published_at = timezone.now()
    edition.save(update_fields=["cahier_published_at", "updated_at"])
    document_invalidate(kind=CAHIER, params={"year": edition.year}, user=by, reason="Publication du cahier")
    return edition
