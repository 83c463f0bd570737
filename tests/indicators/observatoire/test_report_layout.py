"""The observatoire's PDFs read as a publication, checked with poppler's pdftotext (an outside
reader), on the demo data: every table's column headers are printed on the page of its caption and
no word runs past the right margin (wide tables go to landscape pages), footers stay on one line,
« pour 1 000 habitants » never breaks, the thematic table and the structure fiche are compact,
and figures are printed at their indicator's precision (medians « 536 », not « 536,0 »)."""

from __future__ import annotations

import html as html_lib
import io
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command

from indicators.sheets.models import Sheet, SheetStatus
from solidaire.core.documents import pdf
from solidaire.core.documents.registry import get_renderer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pdf_tools")]
MM = 72 / 25.4  # PDF points per millimetre
RIGHT_MARGIN_MM = 20  # pdf.css: portrait and landscape pages keep 20 mm on the right
SPACES = re.compile(r"[\s\u00a0\u202f]+")


@pytest.fixture
def demo(db):
    with time_machine.travel("2026-06-15 10:00 +0200", tick=False):
        call_command("load_demo", stdout=io.StringIO())
        yield


def _words(text: str) -> list[str]:
    return SPACES.sub(" ", text).strip().split(" ")


class _Tables(HTMLParser):
    """Each <table>'s caption and column headers, and the running footer, as a reader sees them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: list[dict] = []
        self.footer = ""
        self._in: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append({"caption": "", "headers": []})
        elif tag == "caption" or (tag == "th" and attrs.get("scope") == "col"):
            self._in, self._text = tag, ""
        elif tag == "div" and "running-footer" in (attrs.get("class") or ""):
            self._in, self._text = "footer", ""

    def handle_endtag(self, tag):
        if self._in == "footer" and tag == "div":
            self.footer = self._text
        elif self._in == "caption" and tag == "caption":
            self.tables[-1]["caption"] = self._text
        elif self._in == "th" and tag == "th":
            self.tables[-1]["headers"].append(self._text)
        else:
            return
        self._in = None

    def handle_data(self, data):
        if self._in:
            self._text += data


def _render(kind: str, params: dict, monkeypatch) -> tuple[bytes, str]:
    """The renderer's PDF and the HTML it was made from."""
    seen = {}
    original = pdf.render_to_string

    def capture(*args, **kwargs):
        seen["html"] = original(*args, **kwargs)
        return seen["html"]

    monkeypatch.setattr(pdf, "render_to_string", capture)
    renderer = get_renderer(kind)
    with time_machine.travel("2026-06-15 10:00 +0200", tick=False):
        rendered = renderer.render(renderer.clean_params(params), lambda *a, **k: None)
    return rendered.content, seen["html"]


def _pdftotext(data: bytes, tmp_path: Path, *args: str) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", *args, str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def _bbox_pages(data: bytes, tmp_path: Path) -> list[dict]:
    """Per page: its width (points) and its words with their right edge, from pdftotext -bbox."""
    text = _pdftotext(data, tmp_path, "-bbox")
    pages = []
    for page in re.finditer(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', text, re.S):
        words = [
            (html_lib.unescape(w), float(x_max))
            for x_max, w in re.findall(
                r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>', page[2]
            )
        ]
        pages.append({"width": float(page[1]), "words": words})
    return pages


def _assert_tables_printed_whole(data: bytes, page_html: str, tmp_path: Path) -> _Tables:
    parsed = _Tables()
    parsed.feed(page_html)
    pages = _bbox_pages(data, tmp_path)
    for number, page in enumerate(pages, start=1):
        limit = page["width"] - (RIGHT_MARGIN_MM - 2) * MM
        past = [word for word, x_max in page["words"] if x_max > limit]
        assert not past, f"page {number}: past the right margin: {past[:8]}"
    tables = [t for t in parsed.tables if t["headers"]]
    assert tables
    for table in tables:
        caption = _words(table["caption"])
        holding = [
            p for p in pages if " ".join(caption) in " ".join(_words(" ".join(w for w, _ in p["words"])))
        ]
        assert holding, f"caption not printed: {table['caption']}"
        printed = set(_words(" ".join(w for w, _ in holding[0]["words"])))
        for header in table["headers"]:
            missing = [w for w in _words(header) if w not in printed]
            assert not missing, f"« {table['caption']} »: column « {header} » not printed ({missing})"
    return parsed


def _assert_footer_on_one_line(data: bytes, footer: str, tmp_path: Path, *, cover: bool = False) -> None:
    """Every page but the cover (which has no footer) prints the whole footer on one line."""
    expected = " ".join(_words(footer))
    pages = [p for p in _pdftotext(data, tmp_path, "-layout").split("\f") if p.strip()]
    assert pages
    for number, page in enumerate(pages[1:] if cover else pages, start=2 if cover else 1):
        lines = [" ".join(_words(line)) for line in page.splitlines()]
        assert any(expected in line for line in lines), f"page {number}: footer not on one line"


def test_the_annual_report_prints_every_column_landscape_when_wide(demo, monkeypatch, tmp_path):
    data, page_html = _render("observatoire.annual", {"year": 2025}, monkeypatch)
    parsed = _assert_tables_printed_whole(data, page_html, tmp_path)
    crossing = next(t for t in parsed.tables if t["caption"].startswith("Activité du réseau et indicateurs"))
    assert "Familles monoparentales (%)" in [" ".join(_words(h)) for h in crossing["headers"]]
    _assert_footer_on_one_line(data, parsed.footer, tmp_path, cover=True)
    assert "·" in parsed.footer and "fiches validées" in parsed.footer

    # Landscape pages exist (the crossing), beside the portrait ones.
    widths = {round(p["width"]) for p in _bbox_pages(data, tmp_path)}
    assert widths == {595, 842}

    # « pour 1 000 habitants » is held together by no-break spaces: never cut in the text flow.
    assert "pour\u00a01\u202f000\u00a0habitants" in page_html
    flow = _pdftotext(data, tmp_path)
    assert not re.search(r"pour\s*\n\s*1", flow) and not re.search(r"\b1[\u202f\u00a0 ]*\n\s*000\b", flow)
    assert not re.search(r"\d[\u202f\u00a0 ]*\n\s*%", flow)


def test_the_thematic_table_is_compact_and_whole(demo, monkeypatch, tmp_path):
    data, page_html = _render("observatoire.thematic", {"family": "activite", "year": 2025}, monkeypatch)
    parsed = _assert_tables_printed_whole(data, page_html, tmp_path)
    _assert_footer_on_one_line(data, parsed.footer, tmp_path)
    pages = [p for p in _pdftotext(data, tmp_path, "-layout").split("\f") if p.strip()]
    # One table of every indicator of the family, its charts and the method: not a page each.
    assert len(pages) <= 3, len(pages)
    assert "Nombre d'accueils" in pages[0] and "Nombre de passages" in pages[0]


def test_the_structure_fiche_is_compact_with_medians_at_their_precision(demo, monkeypatch, tmp_path):
    association = (
        Sheet.objects.filter(status=SheetStatus.VALIDATED).order_by("association__name").first().association
    )
    data, page_html = _render("observatoire.structure", {"structure": association.slug}, monkeypatch)
    parsed = _assert_tables_printed_whole(data, page_html, tmp_path)
    _assert_footer_on_one_line(data, parsed.footer, tmp_path)
    pages = [p for p in _pdftotext(data, tmp_path, "-layout").split("\f") if p.strip()]
    assert len(pages) <= 8, len(pages)  # 20 pages before: one indicator per half-empty page
    # Several indicators on the first page, each beside the network's median.
    assert pages[0].count("Médiane du réseau") >= 6
    counts = ("accueils", "passages", "contacts", "personnes", "repas")
    median_lines = [
        " ".join(_words(line))
        for page in pages
        for line in page.splitlines()
        if "Médiane du réseau" in line
        and any(f" {unit} " in f" {' '.join(_words(line))} " for unit in counts)
    ]
    assert median_lines
    for line in median_lines:  # counts have no decimals: « 536 », never « 536,0 »
        assert not re.search(r"\d,\d", line), line


def test_many_years_of_history_go_to_a_landscape_page_whole(db, monkeypatch, tmp_path):
    from .network import campaigns, structures, validated_sheets

    found, indicators = campaigns(years=list(range(2016, 2026)))  # ten years: twelve columns
    for campaign in found:
        validated_sheets(
            structures(3, prefix=f"h{campaign.year}"),
            campaign,
            indicators,
            lambda i, a: {"personnes": 1234, "passages": 5678, "benevoles": 20, "salaries": 3},
        )
    data, page_html = _render("observatoire.annual", {"year": 2025}, monkeypatch)
    parsed = _assert_tables_printed_whole(data, page_html, tmp_path)
    annex = next(t for t in parsed.tables if t["caption"].startswith("Tous les indicateurs"))
    assert [h for h in annex["headers"] if h.isdigit()] == [str(y) for y in range(2016, 2026)]
    pages = _bbox_pages(data, tmp_path)
    holding = [
        p
        for p in pages
        if "2016" in {w for w, _ in p["words"]} and "Structures" in {w for w, _ in p["words"]}
    ]
    assert holding and all(round(p["width"]) == 842 for p in holding)  # the annex is landscape
