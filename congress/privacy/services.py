"""Personal data of registrations: erased on request (with the cancellation) and anonymised
automatically `CONGRESS_ANONYMISE_AFTER_DAYS` after the edition, keeping what statistics need
(kind of organisation, country, days, workshops, lunches, arrival)."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import BooleanField
from django.utils import timezone

from congress.registrations.models import KEPT_WHEN_ANONYMISED, PERSONAL_FIELDS, Civility, Registration
from congress.registrations.services import registration_cancel


def _erased(name: str):
    """What a personal field holds once erased: no civility, no consent, no text."""
    if name == "civility":
        return Civility.OTHER
    return False if isinstance(Registration._meta.get_field(name), BooleanField) else ""


ERASED = {name: _erased(name) for name in PERSONAL_FIELDS if name not in KEPT_WHEN_ANONYMISED}


@transaction.atomic
def registration_anonymise(*, registration: Registration) -> Registration:
    """Erase a registration's personal data for good; its private link stops working. Counts
    (kind, country, days, bookings, arrival) stay. Doing it twice changes nothing."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.anonymised_at:
        return registration
    for name, value in ERASED.items():
        setattr(registration, name, value)
    registration.token = "x" + secrets.token_urlsafe(32)  # the old link must lead nowhere
    registration.anonymised_at = timezone.now()
    registration.save()
    return registration


def registration_erase(*, registration: Registration) -> Registration:
    """The attendee cancels and asks for their data to be erased (from the private link): a
    right at any time, so past the cancellation deadline too."""
    registration_cancel(registration=registration, enforce_deadline=False)
    return registration_anonymise(registration=registration)


def registrations_anonymise_due(*, today: dt.date | None = None) -> int:
    """Anonymise the registrations of every edition that ended more than
    `CONGRESS_ANONYMISE_AFTER_DAYS` ago (Celery beat, daily). Returns how many were."""
    today = today or timezone.localdate()
    limit = today - dt.timedelta(days=settings.CONGRESS_ANONYMISE_AFTER_DAYS)
    due = Registration.objects.filter(anonymised_at__isnull=True, edition__ends_on__lt=limit)
    count = 0
    for registration in due.only("pk").iterator():
        registration_anonymise(registration=registration)
        count += 1
    return count
