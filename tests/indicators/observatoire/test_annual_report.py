"""A staff member launches the annual report from the page, follows it and downloads a PDF whose
text holds the right totals for the demo data (computed here independently, from the sheets)."""

from __future__ import annotations

import io
import re
import subprocess
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from indicators.sheets.models import Sheet, SheetStatus
from solidaire.core.documents.models import DocumentStatus, GeneratedDocument

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pdf_tools")]
YEAR = 2025


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


def pdf_pages(data: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True)
    pages = out.stdout.split("\f")
    return [" ".join(p.replace("\u00a0", " ").replace("\u202f", " ").split()) for p in pages if p.strip()]


def _thousands(value: Decimal) -> str:
    """Independent of the portal's formatter: « 12 345 » with a plain space."""
    return f"{int(value):,}".replace(",", " ")


def _expected_totals(year: int) -> tuple[dict[str, Decimal], int]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    sheets = Sheet.objects.filter(campaign__year=year, status=SheetStatus.VALIDATED).prefetch_related(
        "values__indicator"
    )
    count = 0
    for sheet in sheets:
        count += 1
        for value in sheet.values.all():
            if value.category_id is None:
                totals[value.indicator.code] += value.value
    return totals, count


def launch(client, capture, **data) -> GeneratedDocument:
    with capture(execute=True):
        response = client.post(
            reverse("observatoire:reports"), {"kind": "observatoire.annual", "year": YEAR, **data}
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response.url)
    assert "Prêt" in page.content.decode()
    return GeneratedDocument.objects.get(pk=int(response.url.rsplit("=", 1)[1]))


def download(client, document) -> bytes:
    response = client.get(reverse("core:document_file", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)


def test_staff_launch_the_annual_report_and_its_totals_are_right(
    client, staff_user, demo, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    document = launch(client, django_capture_on_commit_callbacks)
    assert document.status == DocumentStatus.DONE
    assert document.requested_by == staff_user
    pages = pdf_pages(download(client, document), tmp_path)
    text = " ".join(pages)

    totals, sheets = _expected_totals(YEAR)
    previous, _ = _expected_totals(YEAR - 1)
    assert sheets >= 10
    for label, code, unit in [
        ("Nombre d'accueils", "accueils", "accueils"),
        ("Nombre de passages", "passages", "passages"),
        ("Personnes différentes accueillies", "personnes", "personnes"),
        ("Repas servis ou colis distribués", "repas", "repas"),
        ("Heures de bénévolat", "heures_benevolat", "heures"),
    ]:
        row = f"{label} {unit} {_thousands(totals[code])} {_thousands(previous[code])}"
        assert row in text, row
    ratio = (totals["benevoles"] / totals["salaries"]).quantize(Decimal("0.1"))
    assert f"Rapport bénévoles / salariés (ETP) ratio {str(ratio).replace('.', ',')}" in text
    assert f"{sheets} fiches validées" in text
    # The split by structure kind adds up to the network's total.
    assert f"Réseau {sheets} {_thousands(totals['personnes'])}" in text
    # Page furniture: table of contents, page numbers, footer with the campaign and the data date.
    assert "Sommaire" in pages[0] and "Méthodologie" in pages[0]
    assert f"Page 2 / {len(pages)}" in pages[1]
    assert "campagne close" in pages[1] and "données arrêtées au" in text
    assert "moins de 3 structures" in text
    assert "valeurs de démonstration, pas des statistiques réelles" in text
    assert "document interne" not in text.lower()
    # One page as an image, to look at when changing the print CSS.
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "50",
            "-f",
            "2",
            "-l",
            "2",
            str(tmp_path / "report.pdf"),
            str(tmp_path / "p"),
        ],
        check=True,
    )
    assert list(tmp_path.glob("p*.png"))


def test_internal_version_says_so_on_every_page_and_stays_with_staff(
    client, staff_user, member_of, demo, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    document = launch(client, django_capture_on_commit_callbacks, internal="on")
    assert document.params == {"year": YEAR, "internal": True}
    pages = pdf_pages(download(client, document), tmp_path)
    assert len(pages) > 3
    assert all(re.search("document interne", page, re.I) for page in pages)

    # Not for anyone else, not even once published by mistake.
    from associations.structures.models import Association

    member = member_of(Association.objects.order_by("pk").first())
    client.force_login(member)
    assert client.get(reverse("core:document_file", args=[document.pk])).status_code == 403
    assert client.get(reverse("core:document_status", args=[document.pk])).status_code == 403
    client.force_login(staff_user)
    client.post(reverse("observatoire:report_publish", args=[document.pk]))
    client.logout()
    assert client.get(reverse("core:document_file", args=[document.pk])).status_code == 302  # to log in


def test_published_report_and_key_figures_on_the_public_page(
    client, staff_user, demo, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    document = launch(client, django_capture_on_commit_callbacks)
    response = client.post(reverse("observatoire:report_publish", args=[document.pk]))
    assert response.status_code == 302
    client.logout()
    page = client.get(reverse("observatoire:home"))
    html = page.content.decode().replace("\u202f", " ")
    assert page.status_code == 200
    totals, _ = _expected_totals(YEAR)
    assert f"Chiffres clés de la campagne {YEAR}" in html
    assert _thousands(totals["personnes"]) in html
    assert "<svg" in html and "Méthodologie" in html
    assert reverse("core:document_file", args=[document.pk]) in html
    assert "Outils des agents du CCAS" not in html
    download = client.get(reverse("core:document_file", args=[document.pk]))
    assert download.status_code == 200
