"""Staff change an edition that others plan around. Every save by staff (the admin's form, any
staff page) goes through `edition_save`: when the edition becomes cancelled, or its date or
address changes, the people it concerns (`selectors.people_to_tell`) get one e-mail each,
written to the outbox in the same transaction as the change."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from solidaire.core.email.links import absolute_url
from solidaire.core.email.services import email_send

from ..calendar.models import WHEN_FIELDS, WHERE_FIELDS, Edition, EditionStatus
from ..calendar.permissions import can_decide
from .selectors import people_to_tell

# What a participant plans around, among the fields that bump the calendar's SEQUENCE: a new
# title or summary is not worth an e-mail, nor a map pin moved while the address (what the
# e-mail shows) stays the same.
DATE_FIELDS = frozenset(WHEN_FIELDS)
PLACE_FIELDS = frozenset(WHERE_FIELDS) - {"latitude", "longitude"}


def edition_save(*, edition: Edition, by) -> Edition:
    """Save an edition edited by CCAS staff (validated by the caller's form, or here) and tell
    those concerned when it becomes cancelled, or when its date or address changes while it is
    not cancelled. Nothing is sent for a new edition, nor for one over before and after."""
    if not can_decide(by):
        raise PermissionDenied("Seul le CCAS modifie les éditions.")
    edition.full_clean()
    with transaction.atomic():
        if edition.pk is None:
            edition.save()
            return edition
        # The row as stored, locked: of two staff saving the same change at once, only the
        # first one announces it.
        stored = Edition.objects.select_for_update().get(pk=edition.pk)
        changed = edition.calendar_changes(since=stored)
        edition.save()
        _announce(edition=edition, stored=stored, changed=changed)
    return edition


def edition_cancel(*, edition: Edition, by, reason: str = "") -> Edition:
    """CCAS staff cancel an edition, with an optional reason sent to those concerned. Cancelling
    an edition already cancelled sends nothing."""
    edition.status = EditionStatus.CANCELLED
    edition.cancellation_reason = (reason or "").strip()
    return edition_save(edition=edition, by=by)


def _announce(*, edition: Edition, stored: Edition, changed: set[str]) -> None:
    if stored.is_past and edition.is_past:  # a correction to the archive concerns nobody now
        return
    context = {"edition": edition, "before": stored, "url": absolute_url(edition.get_absolute_url())}
    if edition.is_cancelled:
        if stored.is_cancelled:
            return
        template = "events/emails/edition_cancelled"
    else:
        # A cancelled edition brought back is not covered: staff tell participants themselves.
        date_changed, place_changed = bool(changed & DATE_FIELDS), bool(changed & PLACE_FIELDS)
        if stored.is_cancelled or not (date_changed or place_changed):
            return
        template = "events/emails/edition_changed"
        context.update(date_changed=date_changed, place_changed=place_changed)
    # One e-mail each: structures do not see one another's addresses.
    for address in people_to_tell(edition=edition):
        email_send(template=template, context=context, to=[address])
