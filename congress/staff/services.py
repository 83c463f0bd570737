"""Writes of the staff tools: check-in at the entrance, e-mail to every confirmed attendee."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
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
    """Mark an arrival from the badge's QR code (the token), its printed code, or the id picked
    in the search. Idempotent and race-free: one conditional UPDATE, so two tablets scanning the
    same badge count one arrival."""
    _check_staff(by)
    code = (code or "").strip()
    lookup = Q(token=code) | Q(checkin_code=code.replace(" ", "").replace("-", "").upper())
    if code.isdigit():
        lookup |= Q(pk=int(code))
    registration = Registration.objects.filter(lookup, edition=edition).first() if code else None
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


@transaction.atomic
def attendees_message(*, edition: CongressEdition, subject: str, body: str, by) -> int:
    """E-mail every confirmed attendee (one message each, through the e-mail machinery, sent
    after commit). Returns how many were queued."""
    _check_staff(by)
    subject, body = subject.strip(), body.strip()
    if not subject or not body:
        raise ValidationError("L'objet et le message sont obligatoires.")
    recipients = Registration.objects.filter(
        edition=edition, status=RegistrationStatus.CONFIRMED, anonymised_at__isnull=True
    ).only("email", "token", "first_name", "last_name")
    count = 0
    for registration in recipients.iterator():
        email_send(
            template="congress/emails/message",
            context={
                "edition": edition,
                "subject": subject,
                "body": body,
                "registration": registration,
                "url": absolute_url(registration.get_absolute_url()),
            },
            to=[registration.email],
        )
        count += 1
    return count
