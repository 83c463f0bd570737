"""Writes on participations. Capacity and deadline are checked here, under a lock on the edition
row (pretix's rule: lock what becomes less available, then re-count), so a hand-crafted POST or
two simultaneous decisions cannot overbook an edition."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from associations.structures.models import Association
from solidaire.core.email.services import email_send
from solidaire.core.text.french import format_count, format_date, format_period

from ..calendar.models import Edition, EditionStatus
from ..calendar.permissions import can_act_for, can_decide
from .models import Participation, ParticipationStatus
from .selectors import structure_recipients


def _accepted_count(edition: Edition, *, excluding: int | None = None) -> int:
    qs = Participation.objects.filter(edition=edition, status=ParticipationStatus.ACCEPTED)
    if excluding is not None:
        qs = qs.exclude(pk=excluding)
    return qs.count()


def applications_closed_reason(edition: Edition) -> str:
    """Why a structure cannot apply to `edition` now (French), or "" when it can."""
    if not edition.participation_open:
        return "Cette édition n'accueille pas de candidatures de structures."
    if edition.status == EditionStatus.CANCELLED:
        return "Cette édition est annulée."
    if edition.ends_at < timezone.now():
        return "Cette édition est passée."
    deadline = edition.participation_deadline
    if deadline is not None and timezone.localdate() > deadline:
        return f"Les candidatures sont closes depuis le {format_date(deadline, weekday=False)}."
    return ""


def _edition_locked(edition: Edition) -> Edition:
    return Edition.objects.select_for_update(of=("self",)).select_related("series").get(pk=edition.pk)


def participation_apply(
    *,
    edition: Edition,
    association: Association,
    user,
    offer: str,
    people: int,
    needs_table: bool = False,
    needs_electricity: bool = False,
    needs_water: bool = False,
    needs_details: str = "",
) -> Participation:
    """A structure applies to take part in an edition (stand, dish…). Refused when the user does
    not act for the structure, when applications are closed (deadline, cancelled, past), when the
    edition is full, or when the structure already applied. CCAS staff are told by e-mail."""
    if not can_act_for(user, association):
        raise PermissionDenied("Vous n'agissez pas pour cette structure.")
    with transaction.atomic():
        edition = _edition_locked(edition)
        reason = applications_closed_reason(edition)
        if reason:
            raise ValidationError(reason)
        if Participation.objects.filter(edition=edition, association=association).exists():
            raise ValidationError(f"« {association.name} » a déjà demandé à participer à cette édition.")
        if edition.capacity is not None and _accepted_count(edition) >= edition.capacity:
            raise ValidationError("Cette édition est complète : toutes les places de structures sont prises.")
        participation = Participation(
            edition=edition,
            association=association,
            applied_by=user,
            offer=offer.strip(),
            people=people,
            needs_table=needs_table,
            needs_electricity=needs_electricity,
            needs_water=needs_water,
            needs_details=needs_details.strip(),
        )
        participation.full_clean()
        participation.save()
        email_send(
            template="events/emails/participation_applied",
            context={
                "participation": participation,
                "edition": edition,
                "association": association,
                "period": format_period(edition.starts_at, edition.ends_at, all_day=edition.all_day),
            },
            to=None,
        )
    return participation


def participation_decide(
    *, participation: Participation, by, accept: bool, reason: str = ""
) -> Participation:
    """CCAS staff accept (within the edition's capacity) or decline (with a reason) an
    application; the structure is told by e-mail. A decision can be changed later."""
    if not can_decide(by):
        raise PermissionDenied("Seul le CCAS décide des participations.")
    reason = (reason or "").strip()
    if not accept and not reason:
        raise ValidationError({"reason": "Indiquez le motif du refus : il est transmis à la structure."})
    with transaction.atomic():
        edition = _edition_locked(participation.edition)
        participation = Participation.objects.select_related("association", "applied_by").get(
            pk=participation.pk
        )
        if accept:
            if (
                edition.capacity is not None
                and _accepted_count(edition, excluding=participation.pk) >= edition.capacity
            ):
                raise ValidationError(
                    "Édition complète : "
                    + format_count(edition.capacity, "structure déjà acceptée", feminine=True)
                    + ". Augmentez la capacité ou refusez une autre participation."
                )
            participation.status = ParticipationStatus.ACCEPTED
        else:
            participation.status = ParticipationStatus.DECLINED
        participation.decision_reason = reason
        participation.decided_by = by
        participation.decided_at = timezone.now()
        participation.full_clean()
        participation.save()
        recipients = structure_recipients(participation)
        if recipients:
            email_send(
                template="events/emails/participation_decided",
                context={
                    "participation": participation,
                    "edition": edition,
                    "association": participation.association,
                },
                to=recipients,
            )
    return participation
