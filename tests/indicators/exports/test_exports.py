"""CSV and XLSX exports: content, streaming, permissions."""

from __future__ import annotations

import io

import pytest
from django.http import FileResponse, StreamingHttpResponse
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import AssociationFactory
from tests.indicators.factories import CampaignFactory, SheetFactory, add_values

pytestmark = pytest.mark.django_db
CODES = {"entetes": "codes"}  # the version for programs


@pytest.fixture
def data(campaign, indicators):
    a = AssociationFactory(name="Alpha", slug="alpha")
    b = AssociationFactory(name="Bêta", slug="beta")
    sa = SheetFactory(
        association=a, campaign=campaign, status="submitted", submitted_at="2026-11-20T09:00:00Z"
    )
    add_values(sa, indicators, personnes=10, passages=40, typologie__f=6, typologie__h=4, salaries="2.5")
    sb = SheetFactory(association=b, campaign=campaign)
    add_values(sb, indicators, personnes=3)
    old = SheetFactory(
        association=a,
        campaign=CampaignFactory(year=2025, opens_on="2025-10-01", closes_on="2026-01-31"),
        status="validated",
        validated_at="2026-02-01T10:00:00Z",
    )
    add_values(old, indicators, personnes=7)
    return a, b


def streamed_text(response) -> str:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_wide_csv(client, staff_user, data):
    client.force_login(staff_user)
    response = client.get(reverse("indicators:export_campaign", kwargs={"year": 2026, "fmt": "csv"}), CODES)
    assert response["Content-Type"].startswith("text/csv")
    lines = streamed_text(response).splitlines()
    header = lines[0].split(";")
    assert header[:6] == ["structure", "slug", "annee", "statut", "personnes", "passages"]
    assert "typologie:f" in header
    alpha = dict(zip(header, lines[1].split(";"), strict=True))
    assert alpha["structure"] == "Alpha" and alpha["personnes"] == "10"
    assert alpha["typologie:h"] == "4" and alpha["salaries"] == "2.5"
    beta = dict(zip(header, lines[2].split(";"), strict=True))
    assert beta["structure"] == "Bêta" and beta["personnes"] == "3" and beta["passages"] == ""
    assert len(lines) == 3  # 2025 is not in the 2026 export


def test_long_csv_every_year(client, staff_user, data):
    client.force_login(staff_user)
    response = client.get(reverse("indicators:export_long", kwargs={"fmt": "csv"}), CODES)
    lines = streamed_text(response).splitlines()
    assert lines[0] == "structure;slug;annee;statut;indicateur;libelle;ventilation;valeur"
    assert "Alpha;alpha;2025;validated;personnes;Personnes accueillies;;7" in lines
    assert "Alpha;alpha;2026;submitted;typologie;Typologie du public;f;6" in lines
    assert len(lines) == 1 + 1 + 5 + 1  # header, 2025, alpha 2026 (incl. 2 parts), beta
    only = client.get(reverse("indicators:export_long", kwargs={"fmt": "csv"}), {"annee": 2025, **CODES})
    assert len(streamed_text(only).splitlines()) == 2


def test_xlsx_exports_open_in_a_spreadsheet(client, staff_user, data):
    client.force_login(staff_user)
    response = client.get(reverse("indicators:export_campaign", kwargs={"year": 2026, "fmt": "xlsx"}), CODES)
    assert isinstance(response, FileResponse)
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][:5] == ("structure", "slug", "annee", "statut", "personnes")
    assert rows[1][0] == "Alpha" and rows[1][4] == 10
    long = client.get(reverse("indicators:export_long", kwargs={"fmt": "xlsx"}), CODES)
    rows = list(
        load_workbook(io.BytesIO(b"".join(long.streaming_content))).active.iter_rows(values_only=True)
    )
    assert ("Alpha", "alpha", 2025, "validated", "personnes", "Personnes accueillies", None, 7) in rows


def test_unknown_format_is_404(client, staff_user, data):
    client.force_login(staff_user)
    assert client.get(reverse("indicators:export_long", kwargs={"fmt": "exe"})).status_code == 404


def test_association_exports_only_its_own_history(client, data, member_of):
    alpha, beta = data
    client.force_login(member_of(alpha))
    response = client.get(reverse("indicators:association_export", kwargs={"slug": alpha.slug}))
    content = streamed_text(response)
    assert "Alpha" in content and "Bêta" not in content
    assert client.get(reverse("indicators:association_export", kwargs={"slug": beta.slug})).status_code == 403
