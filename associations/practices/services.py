"""Writes on inspiring practices: members write and submit them, CCAS staff publish them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from solidaire.core.email.links import absolute_url
from solidaire.core.email.services import email_send
from solidaire.core.text.search import slugify_fr

from .models import Practice, PracticeStatus
from .permissions import can_publish, can_write

FIELDS = (
    "title",
    "question",
    "response",
    "steps",
    "results",
    "figures",
    "quote",
    "quote_author",
    "partners",
    "territory",
    "contact",
    "publics",
    "quartier",
)


def _free_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify_fr(title, max_length=200) or "pratique"
    slug, n = base, 2
    while Practice.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def practice_save(
    *, user, association, data: dict, practice: Practice | None = None, submit: bool = False
) -> Practice:
    """Create or update a structure's practice from cleaned form data; `submit` sends it to the
    CCAS for publication. Editing a published practice keeps it published."""
    if not can_write(user, association):
        raise PermissionDenied("Vous ne pouvez pas écrire de pratique pour cette structure.")
    if practice is None:
        practice = Practice(association=association, written_by=user)
    elif practice.association_id != association.pk:
        raise PermissionDenied("Cette pratique appartient à une autre structure.")
    for field in FIELDS:
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
