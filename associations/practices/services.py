"""Writes on inspiring practices: members write and submit them, CCAS staff publish them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from associations.structures.models import DirectorySettings, Thematique
from solidaire.accounts.roles import is_ccas_staff
from solidaire.core.email.links import absolute_url
from solidaire.core.email.services import email_send
from solidaire.core.text.search import slugify_fr

from .models import WRITTEN_FIELDS, Practice, PracticeStatus
from .permissions import can_publish, can_write


def _free_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify_fr(title, max_length=200) or "pratique"
    slug, n = base, 2
    while Practice.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _must_moderate(user) -> bool:
    """The directory's setting for cards applies to practices too: members' changes wait."""
    return not is_ccas_staff(user) and DirectorySettings.get().moderate_member_changes


def _payload(data: dict) -> dict:
    payload = {field: data[field] for field in WRITTEN_FIELDS if field in data}
    if "thematiques" in data:
        payload["thematiques"] = sorted(t.pk for t in data["thematiques"])
    return payload


@transaction.atomic
def practice_save(
    *, user, association, data: dict, practice: Practice | None = None, submit: bool = False
) -> Practice:
    """Create or update a structure's practice from cleaned form data; `submit` sends it to the
    CCAS for publication. A member's change to a published practice waits for the CCAS (as for
    directory cards): the published version stays online, the change is kept beside it (a
    second edit replaces it rather than stacking another)."""
    if not can_write(user, association):
        raise PermissionDenied("Vous ne pouvez pas écrire de pratique pour cette structure.")
    if practice is None:
        practice = Practice(association=association, written_by=user)
    elif practice.association_id != association.pk:
        raise PermissionDenied("Cette pratique appartient à une autre structure.")
    else:
        # A bound ModelForm has already copied the typed values onto the instance: start again
        # from the stored row so that a moderated change never reaches the published fields.
        practice = Practice.objects.select_for_update().get(pk=practice.pk)
    if practice.is_published and _must_moderate(user):
        candidate = Practice.objects.get(pk=practice.pk)
        candidate.apply_changes(data)
        candidate.full_clean()
        practice.pending_changes = _payload(data)
        practice.pending_by = user
        practice.pending_since = timezone.now()
        practice.save(update_fields=["pending_changes", "pending_by", "pending_since", "updated_at"])
        return practice
    for field in WRITTEN_FIELDS:
        if field in data:
            setattr(practice, field, data[field])
    if not practice.slug:
        practice.slug = _free_slug(practice.title)
    submitted = submit and practice.status in {PracticeStatus.DRAFT, PracticeStatus.ARCHIVED}
    if submitted:
        practice.status = PracticeStatus.SUBMITTED
    practice.full_clean()
    practice.save()
    if "thematiques" in data:
        practice.thematiques.set(data["thematiques"])
    if submitted:
        # Staff learn of it by e-mail as well as on their home page (the worklist).
        email_send(
            template="associations/emails/practice_submitted",
            context={
                "practice": practice,
                "association": association,
                "url": absolute_url(reverse("associations:staff_followup") + "#pratiques"),
            },
            to=None,
        )
    return practice


def _clear_pending(practice: Practice) -> None:
    practice.pending_changes = None
    practice.pending_by = None
    practice.pending_since = None


@transaction.atomic
def practice_change_approve(*, user, practice: Practice) -> Practice:
    """Staff publish a member's pending change: the practice reads as it was typed."""
    if not can_publish(user):
        raise PermissionDenied("Seul le CCAS publie les modifications des pratiques.")
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    if not practice.pending_changes:
        raise ValidationError("Cette pratique n'a aucune modification en attente.")
    payload = practice.pending_changes
    practice.apply_changes(payload)
    _clear_pending(practice)
    practice.full_clean()
    practice.save()
    if "thematiques" in payload:
        practice.thematiques.set(Thematique.objects.filter(pk__in=payload["thematiques"]))
    return practice


@transaction.atomic
def practice_change_reject(*, user, practice: Practice) -> Practice:
    """Staff refuse a member's pending change: the published version stays as it is."""
    if not can_publish(user):
        raise PermissionDenied("Seul le CCAS refuse les modifications des pratiques.")
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    if not practice.pending_changes:
        raise ValidationError("Cette pratique n'a aucune modification en attente.")
    _clear_pending(practice)
    practice.save(update_fields=["pending_changes", "pending_by", "pending_since", "updated_at"])
    return practice


@transaction.atomic
def practice_publish(*, user, practice: Practice) -> Practice:
    """Staff publish a practice: it shows on the card, in the list and in the booklet."""
    if not can_publish(user):
        raise PermissionDenied("Seul le CCAS publie les pratiques.")
    if practice.status == PracticeStatus.PUBLISHED:
        return practice
    if not practice.question.strip() or not practice.response.strip():
        raise ValidationError("Une pratique publiée a au moins une problématique et une réponse.")
    practice.status = PracticeStatus.PUBLISHED
    practice.published_at = timezone.now()
    practice.published_by = user
    practice.full_clean()
    practice.save()
    return practice


@transaction.atomic
def practice_archive(*, user, practice: Practice) -> Practice:
    """Staff withdraw a practice from the public pages (kept for the structure)."""
    if not can_publish(user):
        raise PermissionDenied("Seul le CCAS archive les pratiques.")
    practice.status = PracticeStatus.ARCHIVED
    practice.published_at = None
    practice.full_clean()
    practice.save()
    return practice
