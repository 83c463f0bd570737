"""Writes of the staff tools: check-in at the entrance, e-mail to every confirmed attendee."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from congress.editions.models import CongressEdition
from congress.editions.permissions import can_manage_congress
from congress.registrations.models import Registration, RegistrationStatus
from solidaire.core.email.links import absolute_url
from solidaire.core.email.services import email_send
from solidaire.core.text.french import with_preposition


@dataclass
class CheckIn:
    registration: Registration
    already: bool  # True when another tablet (or an earlier scan) had already marked the arrival


def _check_staff(user) -> None:
    if not can_manage_congress(user):
        raise PermissionDenied("Réservé à l'équipe du CCAS.")


def registration_check_in(*, edition: CongressEdition, code: str, by) -> CheckIn:
    """Mark an arrival from the check-in code, the only thing the badge carries (its QR code and
    the printed line below it; the search's buttons post it too). The private token that opens
    the registration page is refused here: it is never printed, so whoever types one did not read
    it off a badge. Idempotent and race-free: one conditional UPDATE, so two tablets scanning the
    same badge count one arrival."""
    _check_staff(by)
    code = (code or "").strip().replace(" ", "").replace("-", "").upper()
    registration = Registration.objects.filter(checkin_code=code, edition=edition).first() if code else None
    if registration is None:
        raise ValidationError("Aucune inscription ne correspond à ce code pour cette édition.")
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ValidationError(
            f"L'inscription {with_preposition(registration, 'de')} n'est pas confirmée "
            f"({registration.get_status_display().lower()})."
        )
    marked = Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=True).update(
        checked_in_at=timezone.now(), updated_at=timezone.now()
    )
    registration.refresh_from_db(fields=["checked_in_at"])
    return CheckIn(registration=registration, already=not marked)


MESSAGE_TEMPLATE = "congress/emails/message"
# The e-mail greets each person by name; a greeting typed at the top of the message would come
# second (« Bonjour Thomas Nguyen, ↵ Bonjour, »), so a short first line that is one is dropped.
TYPED_GREETING = re.compile(
    r"\A\s*(bonjour|bonsoir|salut|madame|monsieur|mesdames|cher|chère|chers|chères)\b"
    r"[^\n]{0,60}[,!][ \t]*\n+",
    re.IGNORECASE,
)


@dataclass
class MessagePreview:
    count: int
    subject: str
    body: str  # as sent, without a typed greeting
    first_text: str  # the whole e-mail the first recipient will receive
    first_recipient: Registration | None


def _recipients(edition: CongressEdition):
    return (
        Registration.objects.filter(
            edition=edition, status=RegistrationStatus.CONFIRMED, anonymised_at__isnull=True
        )
        .only("email", "token", "first_name", "last_name")
        .order_by("last_name", "first_name", "pk")
    )


def _message_context(edition, subject: str, body: str, registration: Registration) -> dict:
    return {
        "edition": edition,
        "subject": subject,
        "body": body,
        "registration": registration,
        "url": absolute_url(registration.get_absolute_url()),
    }


def _clean_message(subject: str, body: str) -> tuple[str, str]:
    body = (body or "").replace("\r\n", "\n").strip()  # a browser's textarea sends CRLF
    subject, body = (subject or "").strip(), TYPED_GREETING.sub("", body, count=1).strip()
    if not subject or not body:
        raise ValidationError("L'objet et le message sont obligatoires.")
    return subject, body


def attendees_message_preview(*, edition: CongressEdition, subject: str, body: str, by) -> MessagePreview:
    """What « Écrire aux participant·es » will send, before it is sent: how many people, and the
    whole e-mail of the first one (greeting included), rendered by the same template."""
    _check_staff(by)
    subject, body = _clean_message(subject, body)
    recipients = _recipients(edition)
    first = recipients.first()
    text = ""
    if first is not None:
        context = {"PORTAL_NAME": settings.PORTAL_NAME, **_message_context(edition, subject, body, first)}
        text = render_to_string(f"{MESSAGE_TEMPLATE}.txt", context)
    return MessagePreview(
        count=recipients.count(), subject=subject, body=body, first_text=text, first_recipient=first
    )


@transaction.atomic
def attendees_message(*, edition: CongressEdition, subject: str, body: str, by) -> int:
    """E-mail every confirmed attendee (one message each, written to the outbox in this
    transaction, sent by the worker after commit). Returns how many were queued."""
    _check_staff(by)
    subject, body = _clean_message(subject, body)
    count = 0
    for registration in _recipients(edition).iterator():
        email_send(
            template=MESSAGE_TEMPLATE,
            context=_message_context(edition, subject, body, registration),
            to=[registration.email],
        )
        count += 1
    if not count:
        raise ValidationError("Aucun·e participant·e confirmé·e : aucun message n'a été envoyé.")
    return count
