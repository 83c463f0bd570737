"""Staff tools: dashboard, export, e-mail to attendees, badges, check-in."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook
from post_office.models import Email

from congress.staff import services
from congress.staff.documents import BADGES
from solidaire.core.documents.models import GeneratedDocument
from tests.charter.test_pdf import _weasyprint_loads
from tests.conftest import require_service
from tests.congress.factories import programme, register, register_confirmed

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [2, 12])
def test_the_dashboard_counts_with_a_bounded_number_of_queries(
    client, staff_user, django_assert_max_num_queries, count
):
    p = programme(workshop_capacity=1)
    for i in range(count):
        register_confirmed(p, p["w1"], p["lunch1"], organisation_kind="ccas" if i % 2 else "association")
    client.force_login(staff_user)
    with django_assert_max_num_queries(24):  # the same for 2 and 12 (two badge formats: 4 more)
        response = client.get(reverse("congress:dashboard", args=[p["edition"].year]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Atelier insertion" in page and "Listes d'attente" in page
    assert f"Confirmée&nbsp;: <strong>{count}</strong>" in page


def test_the_export_is_filtered_and_safe_in_csv_and_xlsx(client, staff_user):
    p = programme()
    register_confirmed(p, p["w1"], last_name="=HYPERLINK(1)", organisation_kind="ccas")
    register_confirmed(p, p["w2"], last_name="Bernard", organisation_kind="association")
    register(p, p["w1"], last_name="Pending")
    client.force_login(staff_user)
    url = reverse("congress:export", args=[p["edition"].year, "csv"])
    response = client.get(url, {"status": "confirmed", "session": p["w1"].pk})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["N°", "Civilité", "Nom", "Prénom"]
    assert [r[2] for r in rows[1:]] == ["'=HYPERLINK(1)"]  # filtered, and no formula

    response = client.get(
        reverse("congress:export", args=[p["edition"].year, "xlsx"]),
        {"organisation_kind": "association", "status": "confirmed"},
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert [r[2] for r in values[1:]] == ["Bernard"]


def test_the_export_without_a_query_string_is_the_whole_file_with_real_dates_and_numbers(client, staff_user):
    with time_machine.travel(dt.datetime(2026, 11, 30, 9, 12, tzinfo=dt.UTC)):
        p = programme()
        arrived = register_confirmed(p, p["w1"], last_name="Arrivée", days=[p["day1"], p["day2"]])
        services.registration_check_in(edition=p["edition"], code=arrived.checkin_code, by=staff_user)
        register(p, last_name="Pending")
    client.force_login(staff_user)
    for fmt in ("csv", "xlsx"):
        response = client.get(f"/congres/{p['edition'].year}/gestion/export.{fmt}")
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(f"/congres/{p['edition'].year}/gestion/export.csv").content.decode("utf-8-sig")
            ),
            delimiter=";",
        )
    )
    header = rows[0]
    line = next(r for r in rows[1:] if r[2] == "Arrivée")
    assert len(rows) == 3  # both registrations: no filter
    assert line[header.index("Inscrit·e le")] == "30/11/2026"
    assert line[header.index("Arrivé·e le")] == "30/11/2026 10:12"  # Paris time
    assert line[header.index("Jours")] == f"{p['day1'].date:%d/%m/%Y}, {p['day2'].date:%d/%m/%Y}"

    content = client.get(f"/congres/{p['edition'].year}/gestion/export.xlsx").content
    sheet = load_workbook(io.BytesIO(content)).active
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[2].value == "Arrivée")
    registered = row[header.index("Inscrit·e le")]
    assert registered.value == dt.datetime(2026, 11, 30) and registered.number_format == "DD/MM/YYYY"
    checked = row[header.index("Arrivé·e le")]
    assert checked.value == dt.datetime(2026, 11, 30, 10, 12) and checked.number_format == "DD/MM/YYYY HH:MM"
    assert row[header.index("N°")].value == arrived.pk and row[header.index("Nombre de jours")].value == 2
    # Read the file's XML as any spreadsheet does: the date is a number with a style, not text.
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    cell = re.search(rf'<c r="{registered.coordinate}"([^>]*)>(.*?)</c>', xml)
    assert 't="inlineStr"' not in cell.group(1) and 't="s"' not in cell.group(1) and ' s="' in cell.group(1)
    assert float(re.search(r"<v>([^<]+)</v>", cell.group(2)).group(1)) == 46356  # 30/11/2026 as a serial


def test_the_export_with_a_bad_filter_goes_back_with_a_message(client, staff_user):
    p = programme()
    client.force_login(staff_user)
    response = client.get(
        reverse("congress:export", args=[p["edition"].year, "csv"]), {"status": "n-importe"}, follow=True
    )
    assert "Filtre non valide" in response.content.decode()


def test_staff_write_to_every_confirmed_attendee(client, staff_user, django_capture_on_commit_callbacks):
    p = programme()
    confirmed = register_confirmed(p, first_name="Thomas", last_name="Nguyen")
    register(p)  # pending: not written to
    client.force_login(staff_user)
    url = reverse("congress:message", args=[p["edition"].year])
    typed = {"subject": "Plan d'accès", "body": "Bonjour,\r\n\r\nEntrée nord."}  # as a browser sends it
    with django_capture_on_commit_callbacks(execute=True):
        preview = client.post(url, typed)
    # First a preview of the first recipient's e-mail, greeting once, and nothing queued.
    page = preview.content.decode()
    assert preview.status_code == 200 and "Vérifier le message avant l'envoi" in page
    assert "Bonjour Thomas Nguyen,\n\nEntrée nord." in page
    assert "Confirmer l'envoi à 1 personne" in page
    assert not Email.objects.filter(subject__contains="Plan d'accès").exists()
    # « Modifier » goes back to the form with what was typed.
    back = client.post(url, {**typed, "edit": "1"}).content.decode()
    assert "Prévisualiser" in back and "Entrée nord." in back
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"subject": "Plan d'accès", "body": "Entrée nord.", "send": "1"})
    assert response.status_code == 302
    queued = Email.objects.filter(subject__contains="Plan d'accès")  # through the outbox
    assert list(queued.values_list("to", flat=True)) == [[confirmed.email]]
    # The outbox also delivers the registration mails queued above: look at the message sent here.
    sent = [m for m in mail.outbox if "Plan d'accès" in m.subject]
    assert [m.to for m in sent] == [[confirmed.email]]
    assert sent[0].body.count("Bonjour") == 1
    assert sent[0].body.startswith("Bonjour Thomas Nguyen,\n\nEntrée nord.")


def test_a_message_without_confirmed_attendees_sends_nothing_and_says_so(client, staff_user):
    p = programme()
    register(p)  # pending only
    client.force_login(staff_user)
    url = reverse("congress:message", args=[p["edition"].year])
    page = client.post(url, {"subject": "Plan", "body": "Entrée nord."}).content.decode()
    assert "aucun·e participant·e confirmé·e" in page and "Confirmer" not in page
    refused = client.post(url, {"subject": "Plan", "body": "Entrée nord.", "send": "1"})
    assert refused.status_code == 400 and "aucun message n&#x27;a été envoyé" in refused.content.decode()
    assert not Email.objects.filter(subject__contains="Plan").exists()


def test_check_in_is_idempotent_across_tablets(staff_user):
    p = programme()
    registration = register_confirmed(p)
    first = services.registration_check_in(
        edition=p["edition"], code=registration.checkin_code, by=staff_user
    )
    second = services.registration_check_in(
        edition=p["edition"], code=registration.checkin_code.lower(), by=staff_user
    )
    assert (first.already, second.already) == (False, True)
    assert first.registration.checked_in_at == second.registration.checked_in_at


def test_check_in_refuses_the_private_token_and_the_id(staff_user):
    """The badge carries only the check-in code: the token of the private link (never printed)
    or the registration's id typed at the entrance marks no arrival."""
    p = programme()
    registration = register_confirmed(p)
    for code in (registration.token, str(registration.pk)):
        with pytest.raises(ValidationError, match="Aucune inscription ne correspond à ce code"):
            services.registration_check_in(edition=p["edition"], code=code, by=staff_user)
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_check_in_page_search_scan_and_counts(client, staff_user):
    p = programme()
    registration = register_confirmed(p, last_name="Lefèvre", first_name="Hélène")
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
        register_confirmed(p, p["w1"], last_name=f"Badge{i}", organisation="CCAS de Laval")
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


def _badges_pdf(client, p, paper: str, django_capture_on_commit_callbacks) -> bytes:
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("congress:badges", args=[p["edition"].year]), {"format": paper})
    document = GeneratedDocument.objects.get(kind=BADGES, params__format=paper)
    assert document.status == "done", document.error
    response = client.get(reverse("core:document_file", args=[document.pk]))
    return b"".join(response.streaming_content) if response.streaming else response.content


def _name_positions(path) -> list[tuple[str, float, float]]:
    """(word, x, y) in points of every « BadgeN » word, read by poppler's pdftotext."""
    xml = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [
        (m.group(3), float(m.group(1)), float(m.group(2)))
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(Badge\d+)</word>', xml)
    ]


def test_badge_sheets_have_no_blank_row_in_a4_and_one_badge_per_a6_page(
    client, staff_user, django_capture_on_commit_callbacks, tmp_path
):
    require_service(_weasyprint_loads(), "WeasyPrint cannot load pango (apt-get install libpango-1.0-0)")
    require_service(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) missing")
    p = programme()
    for i in range(4):
        register_confirmed(p, p["w1"], last_name=f"Badge{i}", organisation="CCAS de Laval")
    client.force_login(staff_user)
    (tmp_path / "a4.pdf").write_bytes(_badges_pdf(client, p, "a4", django_capture_on_commit_callbacks))
    info = subprocess.run(["pdfinfo", str(tmp_path / "a4.pdf")], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+1\n", info) and "595.276 x 841.89" in info  # one A4 page
    rows = sorted({round(y) for _word, _x, y in _name_positions(tmp_path / "a4.pdf")})
    assert len(rows) == 2
    assert abs((rows[1] - rows[0]) - 74 / 25.4 * 72) < 3  # the second row right under the first (74 mm)

    (tmp_path / "a6.pdf").write_bytes(_badges_pdf(client, p, "a6", django_capture_on_commit_callbacks))
    info = subprocess.run(["pdfinfo", str(tmp_path / "a6.pdf")], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+4\n", info) and "297.638 x 419.528" in info  # A6: 105 × 148 mm
    pages = subprocess.run(
        ["pdftotext", str(tmp_path / "a6.pdf"), "-"], capture_output=True, text=True
    ).stdout.split("\f")
    assert [sum(f"Badge{i}" in page for i in range(4)) for page in pages[:4]] == [1, 1, 1, 1]
    # The dashboard offers both formats and shows each one's state.
    page = client.get(reverse("congress:dashboard", args=[p["edition"].year])).content.decode()
    assert "A4, huit badges par page" in page and "A6, un badge par page" in page
    assert page.count("Télécharger") >= 2


def test_the_staff_home_and_the_admin_lead_to_the_congress_tools(client, staff_user, admin_client):
    p = programme()
    year = p["edition"].year
    tools = [f"/congres/{year}/gestion/", f"/congres/{year}/accueil/", f"/congres/{year}/propositions/"]
    client.force_login(staff_user)
    home = client.get(reverse("portal:staff_home")).content.decode()
    assert all(f'href="{url}"' in home for url in tools)
    assert f"Tableau de bord du congrès {year}" in home and "Accueil des participant·es" in home
    for url in tools:
        assert client.get(url).status_code == 200
    change = admin_client.get(reverse("admin:congress_congressedition_change", args=[p["edition"].pk]))
    assert all(f'href="{url}"' in change.content.decode() for url in tools)
    listing = admin_client.get(reverse("admin:congress_congressedition_changelist")).content.decode()
    assert f'href="/congres/{year}/gestion/"' in listing
