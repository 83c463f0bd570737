"""Writes on the users' council requests."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from solidaire.core.email.services import email_send

from .models import RETENTION_MONTHS, CouncilRequest, CouncilRequestStatus
from .permissions import can_handle

# The same person sending the form again within this delay (a double click, a reload) does
# not create a second request.
DUPLICATE_WINDOW = dt.timedelta(days=1)


@transaction.atomic
def council_request_create(
    *,
    name: str,
    phone: str = "",
    email: str = "",
    accompanying_structure=None,
    accompanying_other: str = "",
    availability: str = "",
    consent: bool,
) -> tuple[CouncilRequest, bool]:
    """Record a request to join the council and tell the CCAS. Returns (request, created):
    the same name and contact sent twice within a day gives back the first request."""
    if not consent:
        raise ValidationError({"consent": "Votre accord est nécessaire pour que le CCAS vous recontacte."})
    if not phone.strip() and not email.strip():
        raise ValidationError("Indiquez un téléphone ou une adresse e-mail pour être recontacté·e.")
    existing = CouncilRequest.objects.filter(
        name__iexact=name.strip(),
        phone=phone.strip(),
        email__iexact=email.strip(),
        created_at__gte=timezone.now() - DUPLICATE_WINDOW,
    ).first()
    if existing:
        return existing, False
    request = CouncilRequest(
        name=name.strip(),
        phone=phone.strip(),
        email=email.strip(),
        accompanying_structure=accompanying_structure,
        accompanying_other=accompanying_other.strip(),
        availability=availability.strip(),
        consent=consent,
    )
    request.full_clean()
    request.save()
    email_send(template="associations/emails/council_request", context={"request": request}, to=None)
    return request, True


@transaction.atomic
def council_request_mark(
    *, user, council_request: CouncilRequest, status: str, note: str = ""
) -> CouncilRequest:
    """Staff record that they contacted the person, or archive the request."""
    if not can_handle(user):
        raise PermissionDenied("Réservé au CCAS.")
    if status not in {CouncilRequestStatus.CONTACTED, CouncilRequestStatus.ARCHIVED}:
        raise ValidationError("Statut inconnu.")
    council_request.status = status
    council_request.handled_by = user
    council_request.handled_at = timezone.now()
    if note:
        council_request.staff_note = note
    council_request.full_clean()
    council_request.save()
    return council_request


@transaction.atomic
def council_requests_purge(*, today: dt.date | None = None) -> int:
    """Delete the requests older than the retention period stated on the form."""
    today = today or timezone.localdate()
    cutoff = today - dt.timedelta(days=RETENTION_MONTHS * 30)
    deleted, _ = CouncilRequest.objects.filter(created_at__date__lt=cutoff).delete()
    return deleted
