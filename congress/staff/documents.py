"""Badges of an edition's confirmed attendees, as a renderer of the shared documents machinery:
8 per A4 page (2 × 4, to cut) or one per A6 page (for badge holders or a label printer).

A badge carries the check-in code and nothing else that identifies the registration: its QR
code and the printed line below it are that code, the only one check-in accepts. The private
token, which opens the registration page, is never printed, so a lost badge opens nothing."""

from __future__ import annotations

import segno
from django.core.exceptions import ValidationError
from django.utils import timezone

from congress.editions.models import CongressEdition
from congress.editions.permissions import can_manage_congress
from solidaire.core.documents import pdf
from solidaire.core.documents.registry import Progress, Rendered, Renderer, register

from . import selectors

BADGES = "congress.badges"
# format → (badges per page, what the dashboard says)
FORMATS = {"a4": (8, "A4, huit badges par page"), "a6": (1, "A6, un badge par page")}
DEFAULT_FORMAT = "a4"
PER_PAGE = FORMATS[DEFAULT_FORMAT][0]


def qr_data_uri(text: str) -> str:
    """An SVG QR code as a data: URI (the PDF fetcher reads data: URIs and nothing remote)."""
    return segno.make_qr(text, error="m").svg_data_uri(scale=4, border=4)  # never a Micro QR


class BadgesRenderer(Renderer):
    kind = BADGES
    label = "Badges des participant·es"

    def clean_params(self, params: dict) -> dict:
        year = params.get("year")
        if not isinstance(year, int) or not CongressEdition.objects.filter(year=year).exists():
            raise ValidationError("Édition du congrès inconnue.")
        paper = params.get("format", DEFAULT_FORMAT)
        if paper not in FORMATS:
            raise ValidationError("Format de badges inconnu : A4 ou A6.")
        return {"year": year, "format": paper}

    def can_request(self, user, params: dict) -> bool:
        return can_manage_congress(user)

    def describe(self, params: dict) -> str:
        label = FORMATS.get(params.get("format", DEFAULT_FORMAT), FORMATS[DEFAULT_FORMAT])[1]
        return f"Badges du congrès {params.get('year')} ({label})"

    def render(self, params: dict, progress: Progress) -> Rendered:
        progress(5, "Lecture des inscriptions confirmées")
        edition = CongressEdition.objects.get(year=params["year"])
        registrations = selectors.badge_registrations(edition)
        badges = []
        for index, registration in enumerate(registrations, start=1):
            badges.append({"registration": registration, "qr": qr_data_uri(registration.checkin_code)})
            if index % 50 == 0:
                progress(5 + 55 * index // len(registrations), f"Codes QR : {index} sur {len(registrations)}")
        paper = params.get("format", DEFAULT_FORMAT)
        per_page = FORMATS[paper][0]
        pages = [badges[i : i + per_page] for i in range(0, len(badges), per_page)]
        progress(65, "Mise en page des badges")
        content = pdf.render_pdf(
            "pdf/congress_badges.html",
            {"edition": edition, "pages": pages, "count": len(badges), "format": paper},
        )
        return Rendered(
            content=content,
            download_name=f"badges-congres-{edition.year}-{paper}.pdf",
            data_as_of=timezone.now(),
        )


register(BadgesRenderer())
