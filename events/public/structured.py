"""schema.org `Event` as JSON-LD for an edition page (search engines, agendas), with the
stages as `subEvent`s. Returned as a string safe to place inside <script type="application/ld+json">."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from ..calendar.models import Edition, EditionStatus, Stage

EVENT_STATUS = {
    EditionStatus.SCHEDULED: "https://schema.org/EventScheduled",
    EditionStatus.CANCELLED: "https://schema.org/EventCancelled",
    EditionStatus.POSTPONED: "https://schema.org/EventPostponed",
    EditionStatus.RESCHEDULED: "https://schema.org/EventRescheduled",
}
# The characters that could close the <script> element or open a comment, as JSON escapes.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _iso(value, *, all_day: bool) -> str:
    local = timezone.localtime(value)
    return local.date().isoformat() if all_day else local.isoformat()


def _place(name: str, street: str, postcode: str, city: str, latitude, longitude) -> dict:
    place: dict = {"@type": "Place", "name": name or city}
    address = {"@type": "PostalAddress", "addressCountry": "FR"}
    if street:
        address["streetAddress"] = street
    if postcode:
        address["postalCode"] = postcode
    if city:
        address["addressLocality"] = city
    place["address"] = address
    if latitude is not None and longitude is not None:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": float(latitude), "longitude": float(longitude)}
    return place


def _stage(stage: Stage, edition: Edition) -> dict:
    data = {
        "@type": "Event",
        "name": f"{edition.title} — {stage.name}",
        "startDate": _iso(stage.starts_at, all_day=False),
        "location": _place(stage.place or stage.name, "", "", edition.city, stage.latitude, stage.longitude),
        "eventStatus": EVENT_STATUS.get(edition.status, EVENT_STATUS[EditionStatus.SCHEDULED]),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
    }
    if stage.ends_at:
        data["endDate"] = _iso(stage.ends_at, all_day=False)
    if stage.description:
        data["description"] = stage.description
    return data


def edition_json_ld(edition: Edition, *, absolute: Callable[[str], str]) -> SafeString:
    """`edition` must come from `edition_get_public` (organisers and stages prefetched)."""
    organisers = list(edition.organisers.all()) or list(edition.series.organisers.all())
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": edition.title,
        "url": absolute(edition.get_absolute_url()),
        "startDate": _iso(edition.starts_at, all_day=edition.all_day),
        "endDate": _iso(edition.ends_at, all_day=edition.all_day),
        "eventStatus": EVENT_STATUS.get(edition.status, EVENT_STATUS[EditionStatus.SCHEDULED]),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": _place(
            edition.venue_name,
            edition.street,
            edition.postcode,
            edition.city,
            edition.latitude,
            edition.longitude,
        ),
        "description": edition.summary or edition.series.summary,
        "isAccessibleForFree": edition.is_free,
        "organizer": [
            {"@type": "Organization", "name": o.name, "url": absolute(o.get_absolute_url())}
            for o in organisers
        ]
        or [{"@type": "Organization", "name": "Le Mans solidaire", "url": absolute("/")}],
        "superEvent": {
            "@type": "EventSeries",
            "name": edition.series.name,
            "url": absolute(edition.series.get_absolute_url()),
        },
    }
    if edition.image:
        data["image"] = [absolute(edition.image.url)]
    stages = list(edition.stages.all())
    if stages:
        data["subEvent"] = [_stage(stage, edition) for stage in stages]
    # Safe inside <script>: "<", ">" and "&" are written as JSON escapes (as `json_script` does).
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_ESCAPES))  # noqa: S308
