"""Writes for volunteering: missions (by a structure's members) and expressions of interest."""

from __future__ import annotations

import datetime as dt
import re
from typing import NotRequired, TypedDict, Unpack

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from associations.structures.models import Association
from associations.structures.permissions import can_edit
from associations.structures.taxonomy import MembershipRole, MembershipStatus
from solidaire.core.email.links import absolute_url
from solidaire.core.email.services import email_send

from .models import MissionStatus, VolunteerInterest, VolunteerMission, VolunteerSkill

MAX_SKILLS = 10
MAX_SKILL_LENGTH = 60


def parse_skills(text: str) -> list[str]:
    """'Accueil, cuisine ; informatique' -> ['Accueil', 'cuisine', 'informatique'] (deduplicated
    on their slug), or a French ValidationError on the `skills` field."""
    labels, seen = [], set()
    for raw in re.split(r"[,;\n]", text or ""):
        label = " ".join(raw.split())
        if not label:
            continue
        if len(label) > MAX_SKILL_LENGTH:
            raise ValidationError(
                {"skills": f"Une compétence fait au plus {MAX_SKILL_LENGTH} caractères (« {label[:30]}… »)."}
            )
        slug = slugify(label)
        if not slug:
            raise ValidationError({"skills": f"« {label} » n'est pas une compétence lisible."})
        if slug not in seen:
            seen.add(slug)
            labels.append(label)
    if len(labels) > MAX_SKILLS:
        raise ValidationError({"skills": f"Indiquez au plus {MAX_SKILLS} compétences."})
    return labels


def _check_can_edit(user, association: Association) -> None:
    if not can_edit(user, association):
        raise PermissionDenied(
            "Seuls les membres de la structure et le CCAS peuvent gérer ses missions bénévoles."
        )


class MissionFields(TypedDict):
    """What the mission form gives, the same for a new mission and an edited one."""

    title: str
    description: str
    skills: NotRequired[str]
    time_commitment: str
    quartier: NotRequired[str]


def _save(
    mission: VolunteerMission,
    *,
    title: str,
    description: str,
    skills: str = "",
    time_commitment: str,
    quartier: str = "",
) -> VolunteerMission:
    mission.title = title.strip()
    mission.description = description.strip()
    mission.time_commitment = time_commitment.strip()
    mission.quartier = quartier
    labels = parse_skills(skills)
    mission.full_clean()
    mission.save()
    mission.skills.set([VolunteerSkill.get_for_label(label) for label in labels])
    return mission


@transaction.atomic
def mission_create(*, association: Association, by, **fields: Unpack[MissionFields]) -> VolunteerMission:
    """A member of the structure publishes a mission (published at once)."""
    _check_can_edit(by, association)
    return _save(VolunteerMission(association=association, created_by=by), **fields)


@transaction.atomic
def mission_update(*, mission: VolunteerMission, by, **fields: Unpack[MissionFields]) -> VolunteerMission:
    """Edit a mission (open or closed) of a structure the user may edit."""
    mission = VolunteerMission.objects.select_for_update().get(pk=mission.pk)
    _check_can_edit(by, mission.association)
    return _save(mission, **fields)


@transaction.atomic
def mission_close(*, mission: VolunteerMission, by) -> VolunteerMission:
    """Close a mission: it leaves the public list and accepts no more proposals."""
    mission = VolunteerMission.objects.select_for_update().get(pk=mission.pk)
    _check_can_edit(by, mission.association)
    if mission.status == MissionStatus.CLOSED:
        return mission
    mission.status = MissionStatus.CLOSED
    mission.closed_at = timezone.now()
    mission.full_clean()
    mission.save(update_fields=["status", "closed_at", "updated_at"])
    return mission


@transaction.atomic
def mission_reopen(*, mission: VolunteerMission, by) -> VolunteerMission:
    """Publish a closed mission again."""
    mission = VolunteerMission.objects.select_for_update().get(pk=mission.pk)
    _check_can_edit(by, mission.association)
    mission.status = MissionStatus.PUBLISHED
    mission.closed_at = None
    mission.full_clean()
    mission.save(update_fields=["status", "closed_at", "updated_at"])
    return mission


def interest_recipients(association: Association) -> list[str]:
    """The structure's e-mail, else its admins' e-mails; [] means the CCAS contact."""
    if association.email:
        return [association.email]
    return sorted(
        set(
            association.memberships.filter(status=MembershipStatus.APPROVED, role=MembershipRole.ADMIN)
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )


DUPLICATE_WINDOW = dt.timedelta(days=1)


class InterestAlreadySent(Exception):
    """The same person already offered to help on this mission within a day; nothing is sent again."""

    def __init__(self, interest: VolunteerInterest):
        super().__init__("Proposition déjà envoyée.")
        self.interest = interest


@transaction.atomic
def interest_submit(
    *, mission: VolunteerMission, name: str, email: str, message: str, consent: bool
) -> VolunteerInterest:
    """Keep someone's interest in an open mission, e-mail it to the structure and acknowledge it
    to the person. A second interest from the same address for the same mission within a day
    is recognised (InterestAlreadySent): nothing is kept or sent twice."""
    # The mission's row is locked: two quick submissions cannot both pass the duplicate check.
    mission = VolunteerMission.objects.select_for_update().select_related("association").get(pk=mission.pk)
    if not mission.is_open or not mission.association.is_published:
        raise ValidationError("Cette mission n'accepte plus de propositions.")
    if consent is not True:
        raise ValidationError(
            {"consent": "Votre accord est nécessaire pour transmettre votre proposition à la structure."}
        )
    earlier = (
        VolunteerInterest.objects.filter(
            mission=mission, email__iexact=email.strip(), created_at__gte=timezone.now() - DUPLICATE_WINDOW
        )
        .order_by("-created_at")
        .first()
    )
    if earlier is not None:
        raise InterestAlreadySent(earlier)
    recipients = interest_recipients(mission.association)
    interest = VolunteerInterest(
        mission=mission,
        name=name.strip(),
        email=email.strip(),
        message=message.strip(),
        consent=True,
        notified_to=", ".join(recipients) or f"{settings.CCAS_CONTACT_EMAIL} (CCAS)",
    )
    interest.full_clean()
    interest.save()
    email_send(
        template="associations/volunteering/emails/interest_received",
        context={
            "interest": interest,
            "mission": mission,
            "association": mission.association,
            "forwarded_by_ccas": not recipients,
        },
        to=recipients or None,
    )
    email_send(
        template="associations/volunteering/emails/interest_acknowledged",
        context={
            "interest": interest,
            "mission": mission,
            "association": mission.association,
            "url": absolute_url(mission.get_absolute_url()),
        },
        to=[interest.email],
    )
    return interest
