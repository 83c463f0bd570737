"""Bad input gets a clear French answer and nothing is lost: a year without validated sheets,
tampered parameters, reference files with wrong lines, a non-staff user asking for an internal
report, WeasyPrint failing."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.observatoire import documents
from indicators.territories.models import ReferenceValue, Territory
from indicators.territories.services import reference_values_import, territories_create_quartiers
from solidaire.core.documents import services as document_services
from solidaire.core.documents.models import DocumentStatus, GeneratedDocument

from .network import campaigns, structures, validated_sheets

pytestmark = pytest.mark.django_db

HEADER = "territoire;indicateur;annee;valeur;source;licence\n"


@pytest.fixture
def network(db):
    (c2024, c2025), indicators = campaigns()
    validated_sheets(structures(4, prefix="v"), c2025, indicators, lambda i, a: {"personnes": 10 + i})
    validated_sheets(
        structures(3, prefix="d"), c2024, indicators, lambda i, a: {"personnes": 5}, status="submitted"
    )
    return indicators


def test_a_year_without_validated_sheets_is_refused_with_a_clear_message(
    client, staff_user, network, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("observatoire:reports"), {"kind": documents.ANNUAL, "year": 2024})
    assert response.status_code == 400
    assert "Aucune fiche validée pour la campagne 2024" in response.content.decode()
    assert not GeneratedDocument.objects.exists()
    # Asked for anyway (shell, admin): it ends failed with the message, never an empty PDF.
    with django_capture_on_commit_callbacks(execute=True):
        document = document_services.document_invalidate(
            kind=documents.ANNUAL, params={"year": 2024}, user=staff_user
        )
    document.refresh_from_db()
    assert document.status == DocumentStatus.FAILED
    assert "Aucune fiche validée pour la campagne 2024" in document.error
    assert not document.has_file


@pytest.mark.parametrize(
    "params, message",
    [
        ({"year": "2025; DROP TABLE"}, "L'année doit être un nombre"),
        ({"year": 1850}, "comprise entre 2000 et 2100"),
        ({"year": 2031}, "pas de campagne d'indicateurs pour 2031"),
        ({"year": 2025, "internal": "peut-être"}, "version interne"),
        ({"year": 2025, "owner": "x"}, "Paramètre inconnu : owner"),
    ],
)
def test_tampered_parameters_are_refused(staff_user, network, params, message):
    with pytest.raises(ValidationError) as caught:
        document_services.document_request(kind=documents.ANNUAL, params=params, user=staff_user)
    assert message in " ".join(caught.value.messages)


def test_tampered_form_and_unknown_structure(client, staff_user, member_of, network):
    client.force_login(staff_user)
    response = client.post(reverse("observatoire:reports"), {"kind": "charter.charter", "year": "abc"})
    assert response.status_code == 400
    assert not GeneratedDocument.objects.exists()
    with pytest.raises(ValidationError):
        document_services.document_request(
            kind=documents.STRUCTURE, params={"structure": "../../etc"}, user=staff_user
        )


def test_non_staff_cannot_ask_for_an_internal_report_nor_read_it(
    client, staff_user, member_of, network, django_capture_on_commit_callbacks
):
    association = structures(1, prefix="m")[0]
    member = member_of(association, role="admin")
    with pytest.raises(PermissionDenied):
        document_services.document_request(
            kind=documents.ANNUAL, params={"year": 2025, "internal": True}, user=member
        )
    document = document_services.document_get(kind=documents.ANNUAL, params={"year": 2025, "internal": True})
    client.force_login(member)
    for name in ("core:document_file", "core:document_status", "core:document_status_json"):
        assert client.get(reverse(name, args=[document.pk])).status_code == 403
    assert client.get(reverse("observatoire:reports")).status_code == 403
    response = client.post(
        reverse("observatoire:reports"), {"kind": documents.ANNUAL, "year": 2025, "internal": "on"}
    )
    assert response.status_code == 403


def test_weasyprint_failing_ends_failed_and_the_previous_file_is_still_served(
    client, staff_user, network, django_capture_on_commit_callbacks
):
    params = {"year": 2025, "internal": False}
    first_pdf = mock.patch("solidaire.core.documents.pdf.render_pdf", return_value=b"%PDF-1.7 premier")
    with first_pdf, django_capture_on_commit_callbacks(execute=True):
        first = document_services.document_invalidate(kind=documents.ANNUAL, params=params, user=staff_user)
    first.refresh_from_db()
    assert first.status == DocumentStatus.DONE
    with (
        mock.patch(
            "solidaire.core.documents.pdf.render_pdf", side_effect=RuntimeError("Pango a cessé de répondre")
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        document_services.document_invalidate(kind=documents.ANNUAL, params=params, user=staff_user)
    first.refresh_from_db()
    assert first.status == DocumentStatus.FAILED
    assert "Pango a cessé de répondre" in first.error
    client.force_login(staff_user)
    page = client.get(reverse("observatoire:reports")).content.decode()
    assert "Échec" in page and "Pango a cessé de répondre" in page
    response = client.get(reverse("core:document_file", args=[first.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 premier"


@pytest.fixture
def quartiers(db):
    territories_create_quartiers()


@pytest.mark.parametrize(
    "body, expected",
    [
        (
            "inconnu;population;2021;1200;INSEE;Licence ouverte\n",
            ["Ligne 2 : territoire inconnu « inconnu »."],
        ),
        (
            "sablons;population;2021;beaucoup;INSEE;Licence ouverte\n",
            ["Ligne 2 : valeur « beaucoup » refusée"],
        ),
        (
            "sablons;population;2021;1200;INSEE;Licence ouverte\ncentre;population;2021;900;INSEE;LO\n"
            "sablons;population;2021;1300;INSEE;Licence ouverte\n",
            ["Ligne 4 : doublon de la ligne 2"],
        ),
        (
            "sablons;taux_pauvrete;2021;130;INSEE;LO\nsablons;chomeurs;2021;3;INSEE;LO\n",
            [
                "Ligne 2 : un pourcentage ne peut pas dépasser 100.",
                "Ligne 3 : indicateur inconnu « chomeurs »",
            ],
        ),
    ],
)
def test_reference_csv_errors_are_listed_by_line_and_nothing_is_imported(quartiers, body, expected):
    # A valid last line: it must not be imported either.
    content = (HEADER + body + "centre;population;2020;10 500;INSEE;LO\n").encode()
    with pytest.raises(ValidationError) as caught:
        reference_values_import(content=content)
    text = " | ".join(caught.value.messages)
    for message in expected:
        assert message.split(" refusée")[0] in text
    assert not ReferenceValue.objects.exists()


def test_missing_column_and_page_shows_errors_keeping_nothing(client, staff_user, quartiers):
    with pytest.raises(ValidationError) as caught:
        reference_values_import(content=b"territoire;indicateur;annee;valeur\nsablons;population;2021;1\n")
    assert "Colonne(s) manquante(s) : source, licence" in caught.value.messages[0]
    client.force_login(staff_user)
    upload = SimpleUploadedFile("ref.csv", (HEADER + "sablons;population;2021;1,5x;INSEE;LO\n").encode())
    response = client.post(reverse("observatoire:territories"), {"form": "reference", "ref-file": upload})
    assert response.status_code == 400
    assert "Ligne 2 : valeur « 1,5x » refusée" in response.content.decode()
    assert not ReferenceValue.objects.exists()
    good = SimpleUploadedFile(
        "ref.csv", (HEADER + "sablons;population;2021;7 100;INSEE;Licence ouverte\n").encode()
    )
    response = client.post(reverse("observatoire:territories"), {"form": "reference", "ref-file": good})
    assert response.status_code == 302
    assert ReferenceValue.objects.get().value == 7100
    assert Territory.objects.get(code="sablons").reference_values.count() == 1
