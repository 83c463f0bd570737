"""What a registration's private link allows, and until when (the edition's rules). One place
for the private page, « Mon espace » and the services, which re-check them; no query.

- A pending registration may be confirmed until its deadline (`expires_at`).
- Choices (days, workshops, lunches, needs) change while registration is open.
- Cancelling is possible until the eve of the congress; after that the team handles it.
- A cancelled or expired registration's link shows its status and « my data » (download,
  erase) only.
- Confirmed links do not open everything forever: after the congress they show the
  registration and « my data » only (proposals stay possible until the cahier is published),
  and the data (hence the link) is anonymised `CONGRESS_ANONYMISE_AFTER_DAYS` later.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from congress.editions.models import RegistrationState
from solidaire.core.text.french import format_date, format_datetime

from .models import Registration, RegistrationStatus


def _contact(registration: Registration) -> str:
    email = registration.edition.contact_email
    return f"Écrivez à l'équipe du congrès ({email})." if email else "Écrivez à l'équipe du congrès."


def _ended(registration: Registration) -> str | None:
    if registration.status == RegistrationStatus.CANCELLED:
        return "Cette inscription est annulée : elle ne peut plus être modifiée."
    if registration.status == RegistrationStatus.EXPIRED:
        return (
            "Cette inscription a expiré faute de confirmation de l'adresse : elle ne peut plus être "
            "modifiée. Vous pouvez vous inscrire à nouveau tant que les inscriptions sont ouvertes."
        )
    return None


def change_refusal(registration: Registration, now: dt.datetime | None = None) -> str | None:
    """Why the choices cannot be changed now (None: they can)."""
    now = now or timezone.now()
    if reason := _ended(registration):
        return reason
    edition = registration.edition
    if edition.registration_state(now) == RegistrationState.OPEN:
        return None
    if edition.is_past(timezone.localdate(now)):
        return "Le congrès a eu lieu : votre inscription ne peut plus être modifiée."
    if edition.registration_closes_at and now >= edition.registration_closes_at:
        return (
            f"Les inscriptions sont closes depuis le {format_datetime(edition.registration_closes_at)} : "
            f"vos choix ne peuvent plus être modifiés en ligne. {_contact(registration)}"
        )
    return (
        "Les inscriptions ne sont pas ouvertes : vos choix ne peuvent pas être modifiés. "
        f"{_contact(registration)}"
    )


def cancel_refusal(registration: Registration, today: dt.date | None = None) -> str | None:
    """Why the registration cannot be cancelled from its link now (None: it can)."""
    today = today or timezone.localdate()
    if registration.status == RegistrationStatus.CANCELLED:
        return "Cette inscription est déjà annulée."
    if registration.status == RegistrationStatus.EXPIRED:
        return "Cette inscription a expiré faute de confirmation de l'adresse : il n'y a rien à annuler."
    eve = registration.edition.starts_on - dt.timedelta(days=1)
    if today > eve:
        return (
            f"L'annulation en ligne était possible jusqu'à la veille du congrès, le {format_date(eve)}. "
            f"{_contact(registration)}"
        )
    return None


@dataclass(frozen=True)
class LinkRights:
    """What the private link of a registration allows now."""

    can_confirm: bool
    can_change: bool
    can_cancel: bool
    can_propose: bool
    can_download: bool  # the attendee's own calendar file and badge
    change_refusal: str | None
    cancel_refusal: str | None


def link_rights(registration: Registration, *, now: dt.datetime | None = None) -> LinkRights:
    now = now or timezone.now()
    today = timezone.localdate(now)
    confirmed = registration.status == RegistrationStatus.CONFIRMED
    change, cancel = change_refusal(registration, now), cancel_refusal(registration, today)
    return LinkRights(
        can_confirm=registration.status == RegistrationStatus.PENDING
        and (registration.expires_at is None or registration.expires_at > now),
        can_change=change is None,
        can_cancel=cancel is None,
        can_propose=confirmed and not registration.edition.cahier_published_at,
        can_download=confirmed and not registration.edition.is_past(today),
        change_refusal=change,
        cancel_refusal=cancel,
    )
