"""Writes on proposed initiatives: an association proposes, CCAS staff publish (a new series and
its first edition), ask for changes or refuse, always with a message the proposer reads."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from associations.structures.models import Association
from associations.structures.validators import LOGO_MAX_BYTES, LOGO_MAX_PIXELS
from solidaire.core.email.services import email_send
from solidaire.core.security.images import check_image, reencoded

from ..calendar.models import Edition, EventSeries
from ..calendar.permissions import can_act_for, can_decide
from .models import EventProposal, ProposalStatus
from .selectors import proposer_recipients

EDITABLE = (
    "title",
    "kind",
    "recurring",
    "description",
    "starts_at",
    "ends_at",
    "venue_name",
    "street",
    "image_alt",
)


def _check_dates(starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    errors = {}
    if starts_at and starts_at < timezone.now():
        errors["starts_at"] = "La date de début est passée : proposez un événement à venir."
    if starts_at and ends_at and ends_at < starts_at:
        errors["ends_at"] = "La fin doit venir après le début."
    if errors:
        raise ValidationError(errors)


def _kept_image(upload) -> ContentFile:
    """The logos' limits (size, pixels, formats, extension), then a re-encoded copy under a
    random name: the uploader's bytes and file name never reach a public URL."""
    try:
        image_format = check_image(
            upload, noun="L'image", pronoun="la", max_bytes=LOGO_MAX_BYTES, max_pixels=LOGO_MAX_PIXELS
        )
    except ValidationError as exc:
        raise ValidationError({"image": exc.messages}) from None
    return reencoded(upload, image_format=image_format)


def _publish_image(proposal: EventProposal, edition: Edition) -> None:
    """The published edition gets its own public copy of the proposal's checked image."""
    if not proposal.image:
        return
    with proposal.image.open("rb") as handle:
        edition.image.save(proposal.image.name.rsplit("/", 1)[-1], File(handle), save=False)


def _discard_image(proposal: EventProposal) -> None:
    """A refused proposal's image leaves the private storage once the decision is committed."""
    if proposal.image:
        name, storage = proposal.image.name, proposal.image.storage
        proposal.image = None
        transaction.on_commit(lambda: storage.delete(name))


def proposal_submit(
    *,
    association: Association,
    user,
    title: str,
    kind: str,
    recurring: bool,
    description: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    venue_name: str,
    street: str = "",
    image: UploadedFile | None = None,
    image_alt: str = "",
) -> EventProposal:
    """A member of `association` proposes an event; CCAS staff are told by e-mail."""
    if not can_act_for(user, association):
        raise PermissionDenied("Vous n'agissez pas pour cette structure.")
    _check_dates(starts_at, ends_at)
    if image and not image_alt.strip():
        raise ValidationError({"image_alt": "Décrivez l'image pour les personnes qui ne la voient pas."})
    kept_image = _kept_image(image) if image else None
    with transaction.atomic():
        proposal = EventProposal(
            association=association,
            proposed_by=user,
            title=title.strip(),
            kind=kind,
            recurring=recurring,
            description=description.strip(),
            starts_at=starts_at,
            ends_at=ends_at,
            venue_name=venue_name.strip(),
            street=street.strip(),
            image_alt=image_alt.strip(),
        )
        if kept_image:
            proposal.image = kept_image
        proposal.full_clean()
        proposal.save()
        email_send(template="events/emails/proposal_submitted", context={"proposal": proposal}, to=None)
    return proposal


def proposal_resubmit(*, proposal: EventProposal, user, **values) -> EventProposal:
    """The proposer answers a request for changes: the proposal goes back to CCAS staff."""
    if not can_act_for(user, proposal.association):
        raise PermissionDenied("Vous n'agissez pas pour cette structure.")
    if proposal.status != ProposalStatus.CHANGES_REQUESTED:
        raise ValidationError("Cette proposition n'attend pas de modification.")
    _check_dates(values.get("starts_at", proposal.starts_at), values.get("ends_at", proposal.ends_at))
    with transaction.atomic():
        for name in EDITABLE:
            if name in values:
                value = values[name]
                setattr(proposal, name, value.strip() if isinstance(value, str) else value)
        proposal.status = ProposalStatus.SUBMITTED
        proposal.full_clean()
        proposal.save()
        email_send(template="events/emails/proposal_submitted", context={"proposal": proposal}, to=None)
    return proposal


def _unique_slug(model, stem: str) -> str:
    stem = slugify(stem)[:200] or "evenement"
    slug, n = stem, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{stem}-{n}"
    return slug


def _tell_proposer(proposal: EventProposal) -> None:
    recipients = proposer_recipients(proposal)
    if recipients:
        email_send(template="events/emails/proposal_decided", context={"proposal": proposal}, to=recipients)


def _decide(proposal: EventProposal, *, by, status: str, message: str) -> EventProposal:
    proposal.status = status
    proposal.staff_message = message
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.full_clean()
    proposal.save()
    _tell_proposer(proposal)
    return proposal


def _locked(proposal: EventProposal, *allowed: str) -> EventProposal:
    # Lock the proposal row alone: PostgreSQL refuses FOR UPDATE across the outer join of a
    # nullable key (proposed_by); the related rows are read afterwards.
    proposal = EventProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status not in allowed:
        raise ValidationError(
            f"Cette proposition est déjà traitée ({proposal.get_status_display().lower()})."
        )
    return proposal


def proposal_publish(*, proposal: EventProposal, by, message: str = "") -> Edition:
    """CCAS staff publish a proposal: a new series (the initiative) and its first edition,
    organised by the proposing structure."""
    if not can_decide(by):
        raise PermissionDenied("Seul le CCAS publie les propositions.")
    with transaction.atomic():
        proposal = _locked(proposal, ProposalStatus.SUBMITTED)
        if proposal.starts_at < timezone.now():
            raise ValidationError(
                "La date de cet événement est passée : demandez une nouvelle date à la structure."
            )
        series = EventSeries(
            name=proposal.title,
            slug=_unique_slug(EventSeries, proposal.title),
            kind=proposal.kind,
            summary=proposal.description[:300],
            description=proposal.description,
        )
        series.full_clean()
        series.save()
        series.organisers.add(proposal.association)
        year = timezone.localtime(proposal.starts_at).year
        edition = Edition(
            series=series,
            title=proposal.title if str(year) in proposal.title else f"{proposal.title} {year}",
            slug=_unique_slug(Edition, f"{proposal.title}-{year}"),
            summary=proposal.description[:300],
            description=proposal.description,
            starts_at=proposal.starts_at,
            ends_at=proposal.ends_at,
            venue_name=proposal.venue_name,
            street=proposal.street,
            image_alt=proposal.image_alt,
        )
        _publish_image(proposal, edition)
        edition.full_clean()
        edition.save()
        edition.organisers.add(proposal.association)
        proposal.edition = edition
        _decide(proposal, by=by, status=ProposalStatus.PUBLISHED, message=message.strip())
    return edition


def proposal_request_changes(*, proposal: EventProposal, by, message: str) -> EventProposal:
    """CCAS staff send the proposal back with what to change."""
    if not can_decide(by):
        raise PermissionDenied("Seul le CCAS examine les propositions.")
    if not (message or "").strip():
        raise ValidationError(
            {"message": "Indiquez ce qu'il faut modifier : le message est transmis à la structure."}
        )
    with transaction.atomic():
        proposal = _locked(proposal, ProposalStatus.SUBMITTED)
        return _decide(proposal, by=by, status=ProposalStatus.CHANGES_REQUESTED, message=message.strip())


def proposal_refuse(*, proposal: EventProposal, by, message: str) -> EventProposal:
    """CCAS staff refuse the proposal, with a reason."""
    if not can_decide(by):
        raise PermissionDenied("Seul le CCAS examine les propositions.")
    if not (message or "").strip():
        raise ValidationError({"message": "Indiquez le motif du refus : il est transmis à la structure."})
    with transaction.atomic():
        proposal = _locked(proposal, ProposalStatus.SUBMITTED, ProposalStatus.CHANGES_REQUESTED)
        _discard_image(proposal)
        return _decide(proposal, by=by, status=ProposalStatus.REFUSED, message=message.strip())
