"""The report form shows, for each kind of document, the fields it uses and refuses the others;
every kind produces what was asked (the structure fiche stops at the campaign chosen); the shell
command takes family labels as well as codes and says which it accepts."""

from __future__ import annotations

import html
import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from associations.structures.models import Association
from indicators.observatoire import documents
from solidaire.core.documents.models import GeneratedDocument

from .network import campaigns, structures, validated_sheets
from .test_annual_report import pdf_pages

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pdf_tools")]


@pytest.fixture
def three_years(db):
    (c2024, c2025, c2026), indicators = campaigns(years=[2024, 2025, 2026])
    group = structures(3, prefix="y")
    for campaign, base in ((c2024, 100), (c2025, 200), (c2026, 300)):
        validated_sheets(group, campaign, indicators, lambda i, a, base=base: {"personnes": base + i})
    return group


def _text(response) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def test_the_form_groups_the_fields_by_the_kinds_that_use_them(client, staff_user, three_years):
    client.force_login(staff_user)
    page = client.get(reverse("observatoire:reports")).content.decode()
    groups = {
        kinds: html.unescape(legend)
        for kinds, legend in re.findall(r'data-kinds="([^"]+)">\s*<legend[^>]*>([^<]+)</legend>', page)
    }
    assert groups == {
        documents.THEMATIC: "S'applique au tableau thématique.",
        documents.STRUCTURE: "S'applique à la fiche structure.",
        f"{documents.ANNUAL} {documents.THEMATIC}": "S'applique au rapport annuel et au tableau thématique.",
    }
    assert "report-form.js" in page
    assert 'value="observatoire.annual" checked' in page or "checked" in page


@pytest.mark.parametrize(
    ("data", "field_error"),
    [
        (
            {"kind": documents.ANNUAL, "family": "publics"},
            "La famille d'indicateurs ne s'applique pas au rapport annuel",
        ),
        (
            {"kind": documents.ANNUAL, "structure": "structure-y0000"},
            "La structure ne s'applique pas au rapport annuel",
        ),
        (
            {"kind": documents.STRUCTURE, "structure": "structure-y0000", "internal": "on"},
            "La version interne ne s'applique pas à la fiche structure",
        ),
        ({"kind": documents.STRUCTURE}, "Choisissez la structure de la fiche."),
        ({"kind": documents.THEMATIC}, "Choisissez la famille d'indicateurs du tableau."),
    ],
)
def test_fields_that_do_not_apply_or_are_missing_are_refused_in_french(
    client, staff_user, three_years, data, field_error, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(reverse("observatoire:reports"), {"year": 2025, **data})
    assert response.status_code == 400
    text = _text(response)
    assert field_error in text
    assert "Le document n'a pas été lancé" in text
    assert not GeneratedDocument.objects.exists()


def test_the_structure_fiche_honours_the_campaign_chosen(
    client, staff_user, three_years, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            reverse("observatoire:reports"),
            {"kind": documents.STRUCTURE, "year": 2025, "structure": "structure-y0000"},
        )
    assert response.status_code == 302
    document = GeneratedDocument.objects.get(kind=documents.STRUCTURE)
    structure = Association.objects.get(slug="structure-y0000")
    assert document.params == {"structure": structure.pk, "year": 2025}  # the id survives a rename

    renderer = documents.StructureReportRenderer()
    rendered = renderer.render(renderer.clean_params(document.params), lambda *a: None)
    text = " ".join(pdf_pages(rendered.content, tmp_path))
    # One column per year (compact table): 2024 and 2025, the 2026 sheet left out (2025 asked).
    assert "Unité 2024 2025 Personnes accueillies personnes 100 200" in text
    assert " 300 " not in text.split("Graphiques")[0]
    assert "campagnes jusqu'à 2025" in text
    assert renderer.describe(document.params) == "Fiche structure « Structure y0000 » jusqu'à 2025"


def test_generate_report_takes_the_family_label_the_web_form_shows(three_years, tmp_path):
    output = tmp_path / "theme.pdf"
    out = io.StringIO()
    call_command(
        "generate_report",
        kind="thematic",
        family="Publics",
        year=2025,
        output=str(output),
        stdout=out,
        stderr=io.StringIO(),
    )
    assert "Tableau thématique « Publics »" in " ".join(pdf_pages(output.read_bytes(), tmp_path))
    assert re.search(r"\(\d+ Kio, \d+,\d s\)\.", out.getvalue())  # « 4,6 s », not « 4.6 s »


def test_generate_report_names_the_accepted_families_and_refuses_unused_options(three_years, tmp_path):
    with pytest.raises(
        CommandError, match=r"Familles acceptées : activite \(Activité générale\), publics \(Publics\)"
    ):
        call_command(
            "generate_report", kind="thematic", family="Inconnue", year=2025, output=str(tmp_path / "x.pdf")
        )
    with pytest.raises(CommandError, match="--family ne s'applique pas au type « annual »"):
        call_command(
            "generate_report", kind="annual", family="publics", year=2025, output=str(tmp_path / "x.pdf")
        )
    assert not (tmp_path / "x.pdf").exists()


def test_generate_report_help_lists_codes_and_labels(capsys):
    with pytest.raises(SystemExit):
        call_command("generate_report", "--help")
    shown = " ".join(capsys.readouterr().out.split())
    assert "publics (Publics)" in shown and "prestations (Prestations)" in shown
    assert "thematic (Tableau thématique)" in shown
