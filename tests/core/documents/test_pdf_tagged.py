"""Every generated PDF is tagged for screen readers, with its title and its language (issue 19.2):
each registered document kind is produced from real data and read back by strict outside
readers (pypdf for the catalogue, pdfinfo for the tagged flag). A kind added without an entry
here fails the test."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from solidaire.core.documents.registry import get_renderer, registered_kinds
from tests.charter.factories import make_version
from tests.charter.test_pdf import _weasyprint_loads
from tests.conftest import require_service

pytestmark = pytest.mark.django_db


def _observatoire():
    from tests.indicators.observatoire.network import campaigns, structures, validated_sheets

    (c2024, c2025), indicators = campaigns()
    for campaign in (c2024, c2025):
        validated_sheets(
            structures(5, prefix=f"t{campaign.year}"),
            campaign,
            indicators,
            lambda i, a: {"personnes": 10 + i},
        )


def _congress():
    from congress.proposals.models import Proposal, ProposalStatus
    from congress.registrations.services import registration_confirm
    from tests.congress.factories import programme, register

    p = programme()
    Proposal.objects.create(
        theme=p["theme"], title="Un référent unique", body="Texte.", status=ProposalStatus.KEPT
    )
    registration_confirm(registration=register(p))
    return p["edition"].year


def _cases() -> dict[str, tuple[dict, str]]:
    """kind → (parameters, a word the title must hold), after building the data."""
    from associations.structures.models import Association
    from tests.associations.factories import PracticeFactory

    make_version()
    PracticeFactory(title="Un jardin partagé")
    _observatoire()
    year = _congress()
    structure = Association.objects.get(slug="structure-t20250000")
    return {
        "charter.charter": ({}, "Charte"),
        "charter.signatories": ({}, "signataires"),
        "associations.practices_booklet": ({}, "Pratiques inspirantes"),
        "congress.cahier": ({"year": year}, "Cahier des propositions"),
        "congress.badges": ({"year": year}, "Badges"),
        "observatoire.annual": ({"year": 2025, "internal": False}, "Rapport annuel"),
        "observatoire.thematic": ({"year": 2025, "family": "publics"}, "Tableau thématique"),
        "observatoire.structure": ({"structure": structure.pk}, "Structure t20250000"),
    }


def test_every_generated_pdf_is_tagged_with_its_title_and_language(tmp_path):
    require_service(_weasyprint_loads(), "WeasyPrint cannot load pango")
    require_service(shutil.which("pdfinfo") is not None, "pdfinfo (poppler-utils) missing")
    cases = _cases()
    kinds = [k for k in registered_kinds() if not k.startswith("tests.")]
    assert sorted(cases) == kinds, "a document kind has no case here"
    for kind, (params, title_word) in cases.items():
        renderer = get_renderer(kind)
        content = renderer.render(renderer.clean_params(params), lambda percent, step: None).content
        reader = PdfReader(io.BytesIO(content))
        root = reader.trailer["/Root"]
        assert "/StructTreeRoot" in root, kind
        assert bool(root["/MarkInfo"]["/Marked"]), kind
        assert str(root["/Lang"]).lower().startswith("fr"), (kind, root.get("/Lang"))
        title = (reader.metadata or {}).get("/Title") or ""
        assert title_word.lower() in title.lower(), (kind, title)
        path = tmp_path / f"{kind}.pdf"
        path.write_bytes(content)
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^Tagged:\s+yes$", info, re.M), kind
        assert re.search(rf"^Title:\s+.*{re.escape(title_word)}", info, re.M | re.I), (kind, info)
