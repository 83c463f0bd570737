"""`manage.py generate_report` writes the same reports from the shell, or says why it cannot."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from .network import campaigns, structures, validated_sheets
from .test_annual_report import pdf_pages

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pdf_tools")]


def test_generate_report_writes_the_annual_report(tmp_path):
    (_, c2025), indicators = campaigns()
    validated_sheets(structures(3, prefix="k"), c2025, indicators, lambda i, a: {"passages": 2000})
    output = tmp_path / "rapport.pdf"
    out, err = io.StringIO(), io.StringIO()
    call_command("generate_report", kind="annual", year=2025, output=str(output), stdout=out, stderr=err)
    assert "Rapport annuel du réseau 2025" in out.getvalue()
    assert "Mise en page du rapport" in err.getvalue()  # progress, one line per step off a terminal
    assert "Nombre de passages personnes 6 000" in " ".join(pdf_pages(output.read_bytes(), tmp_path))


def test_generate_report_refuses_a_year_without_validated_sheets(tmp_path):
    campaigns()
    with pytest.raises(CommandError, match="Aucune fiche validée pour la campagne 2024"):
        call_command("generate_report", year=2024, output=str(tmp_path / "x.pdf"), stdout=io.StringIO())
    with pytest.raises(CommandError, match="pas de campagne d'indicateurs pour 2099"):
        call_command("generate_report", year=2099, output=str(tmp_path / "x.pdf"), stdout=io.StringIO())
    assert not (tmp_path / "x.pdf").exists()


def test_thematic_table_details_structures_only_in_its_internal_version(tmp_path):
    (_, c2025), indicators = campaigns()
    validated_sheets(structures(3, prefix="t"), c2025, indicators, lambda i, a: {"personnes": 70})
    for internal in (False, True):
        output = tmp_path / f"theme-{internal}.pdf"
        options = {"kind": "thematic", "family": "publics", "year": 2025, "output": str(output)}
        call_command(
            "generate_report", internal=internal, stdout=io.StringIO(), stderr=io.StringIO(), **options
        )
        text = " ".join(pdf_pages(output.read_bytes(), tmp_path))
        assert "Tableau thématique « Publics »" in text
        assert "Personnes accueillies" in text and "210" in text
        assert ("Structure t0001" in text) is internal
        assert ("Document interne" in text or "DOCUMENT INTERNE" in text) is internal


def test_structure_sheet_shows_its_figures_beside_the_network_median(tmp_path):
    (_, c2025), indicators = campaigns()
    sheets = validated_sheets(
        structures(3, prefix="f"), c2025, indicators, lambda i, a: {"personnes": 100 * (i + 1)}
    )
    output = tmp_path / "fiche.pdf"
    slug = sheets[0].association.slug
    call_command(
        "generate_report", kind="structure", structure=slug, output=str(output), stdout=io.StringIO()
    )
    text = " ".join(pdf_pages(output.read_bytes(), tmp_path))
    assert "Fiche structure : Structure f0000" in text
    # Its own 100 and, on the row below, the median of 100, 200, 300 (one column per year).
    assert "personnes 100 Médiane du réseau personnes 200" in text
    assert "Structure f0001" not in text
