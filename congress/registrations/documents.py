"""The attendee's own badge, downloaded from their private link: the staff's badge sheet
(`pdf/congress_badges.html`, the same layout and QR code) with one badge. Rendered in the
request: one badge is a fraction of a second, and an attendee has no account to follow a
queued rendering with; nothing is stored.

The QR code holds the check-in code only (the code printed under it, typed at the door when
a camera fails): it opens nothing by itself, the check-in page is for staff, and the private
link's token is never printed."""

from __future__ import annotations

import segno
from django.db.models import Prefetch

from congress.editions.models import SessionKind
from solidaire.core.documents import pdf

from .models import Booking, BookingStatus, Registration


def checkin_qr(registration: Registration) -> str:
    """An SVG QR code of the check-in code as a data: URI (the PDF fetcher reads data: URIs).
    `make_qr`, not `make`: for 8 characters segno would pick a Micro QR code, which phone
    cameras and zbar do not read; and the standard 4-module quiet zone."""
    return segno.make_qr(registration.checkin_code, error="m").svg_data_uri(scale=4, border=4)


def attendee_badge_pdf(registration: Registration) -> bytes:
    """The badge of one confirmed registration, as PDF."""
    workshops = Booking.objects.filter(
        status=BookingStatus.PLACE, session__kind=SessionKind.WORKSHOP
    ).select_related("session__day")
    registration = (
        Registration.objects.select_related("edition")
        .prefetch_related(
            Prefetch("bookings", workshops.order_by("session__day__date", "session__starts_at"))
        )
        .get(pk=registration.pk)
    )
    badge = {"registration": registration, "qr": checkin_qr(registration)}
    return pdf.render_pdf(
        "pdf/congress_badges.html", {"edition": registration.edition, "pages": [[badge]], "count": 1}
    )
