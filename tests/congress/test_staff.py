"""Staff tools: dashboard, export, e-mail to attendees, badges, check-in."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from congress.registrations import services as registration_services
from congress.staff import services
from congress.staff.documents import BADGES
from solidaire.core.documents.models import GeneratedDocument
from tests.charter.test_pdf import _weasyprint_loads
from tests.conftest import require_service

from .factories import programme, register

pytestmark = pytest.mark.django_db


def _confirmed(p, *sessions, **kwargs):
    registration = register(p, *sessions, **kwargs)
    return registration_services.registration_confirm(registration=registration)


@pytest.mark.parametrize("count", [2, 12])
def test_the_dashboard_counts_with_a_bounded_number_of_queries(
    client, staff_user, django_assert_max_num_queries, count
):
    p = programme(workshop_capacity=1)
    for i in range(count):
        _confirmed(p, p["w1"], p["lunch1"], organisation_kind="ccas" if i % 2 else "association")
    client.force_login(staff_user)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("congress:dashboard", args=[p["edition"].year]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Atelier insertion" in page and "Listes d'attente" in page
    assert f"Confirmée&nbsp;: <strong>{count}</strong>" in page


def test_the_export_is_filtered_and_safe_in_csv_and_xlsx(client, staff_user):
    p = programme()
    _confirmed(p, p["w1"], last_name="=HYPERLINK(1)", organisation_kind="ccas")
    _confirmed(p, p["w2"], last_name="Bernard", organisation_kind="association")
    register(p, p["w1"], last_name="Pending")
    client.force_login(staff_user)
    url = reverse("congress:export", args=[p["edition"].year, "csv"])
    response = client.get(url, {"status": "confirmed", "session": p["w1"].pk})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Civilité", "Nom", "Prénom"]
    assert [r[1] for r in rows[1:]] == ["'=HYPERLINK(1)"]  # filtered, and no formula

    response = client.get(
        reverse("congress:export", args=[p["edition"].year, "xlsx"]),
        {"organisation_kind": "association", "status": "confirmed"},
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert [r[1] for r in values[1:]] == ["Bernard"]


def test_the_export_with_a_bad_filter_goes_back_with_a_message(client, staff_user):
    p = programme()
    client.force_login(staff_user)
    response = client.get(
        reverse("congress:export", args=[p["edition"].year, "csv"]), {"status": "n-importe"}, follow=True
    )
    assert "Filtre non valide" in response.content.decode()


def test_staff_write_to_every_confirmed_attendee(client, staff_user, django_capture_on_commit_callbacks):
    p = programme()
    confirmed = _confirmed(p)
    register(p)  # pending: not written to
    mail.outbox.clear()
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("congress:message", args=[p["edition"].year]),
            {"subject": "Plan d'accès", "body": "Entrée nord."},
        )
    assert response.status_code == 302
    # The outbox also delivers the registration mails queued above: look at the message sent here.
    sent = [m for m in mail.outbox if "Plan d'accès" in m.subject]
    assert [m.to for m in sent] == [[confirmed.email]]
    assert "Entrée nord." in sent[0].body


def test_check_in_is_idempotent_across_tablets(staff_user):
    p = programme()
    registration = _confirmed(p)
    first = services.registration_check_in(edition=p["edition"], code=registration.token, by=staff_user)
    second = services.registration_check_in(
        edition=p["edition"], code=registration.checkin_code.lower(), by=staff_user
    )
    assert (first.already, second.already) == (False, True)
    assert first.registration.checked_in_at == second.registration.checked_in_at


def test_check_in_page_search_scan_and_counts(client, staff_user):
    p = programme()
    registration = _confirmed(p, last_name="Lefèvre", first_name="Hélène")
    pending = register(p, last_name="Attente")
    client.force_login(staff_user)
    url = reverse("congress:checkin", args=[p["edition"].year])
    page = client.get(url, {"q": "helene lefevre"}).content.decode()
    assert "Pointer l'arrivée d'Hélène Lefèvre" in page
    assert 'src="/static/js/checkin.js"' in page

    response = client.post(url, {"code": registration.checkin_code})
    assert "Arrivée enregistrée" in response.content.decode()
    assert "Déjà pointé·e" in client.post(url, {"code": registration.checkin_code}).content.decode()
    assert client.get(reverse("congress:checkin_counts", args=[p["edition"].year])).json() == {
        "expected": 1,
        "arrived": 1,
    }
    refused = client.post(url, {"code": pending.checkin_code})
    assert refused.status_code == 400 and "n&#x27;est pas confirmée" in refused.content.decode()
    unknown = client.post(url, {"code": "ZZZZ"})
    assert "Aucune inscription ne correspond" in unknown.content.decode()


def test_badges_are_a_pdf_of_eight_per_page_with_qr_codes(
    client, staff_user, django_capture_on_commit_callbacks, tmp_path
):
    require_service(_weasyprint_loads(), "WeasyPrint cannot load pango (apt-get install libpango-1.0-0)")
    p = programme()
    for i in range(9):
        _confirmed(p, p["w1"], last_name=f"Badge{i}", organisation="CCAS de Laval")
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("congress:badges", args=[p["edition"].year]))
    document = GeneratedDocument.objects.get(kind=BADGES)
    assert document.status == "done", document.error
    response = client.get(reverse("core:document_file", args=[document.pk]))
    data = b"".join(response.streaming_content) if response.streaming else response.content
    assert data.startswith(b"%PDF")
    require_service(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) missing")
    (tmp_path / "b.pdf").write_bytes(data)
    pages = subprocess.run(["pdftotext", str(tmp_path / "b.pdf"), "-"], capture_output=True, text=True).stdout
    pages = pages.split("\f")
    assert "Badge0" in pages[0] and "Badge7" in pages[0] and "Badge8" in pages[1]
    assert "CCAS de Laval" in pages[0]
    # The dashboard shows the document's state.
    assert (
        "Télécharger" in client.get(reverse("congress:dashboard", args=[p["edition"].year])).content.decode()
    )
