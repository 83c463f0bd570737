"""The observatoire's annual report at the issue's scale: 500 structures × 10 years of validated
sheets (the demo catalogue: about 30 values per sheet, 150,000 values).

Prints:
- the report's query count at 50 then 500 structures (it must not change);
- the annual report rendered in this process as the worker does it: pages, seconds (goal ≤ 60 s),
  pages per second, and the peak RSS of the process (goal < 1 GB).

Run: `python -m bench.bench_observatoire` (or `make bench`). Database: PostgreSQL
`solidaire_bench_observatoire` when it answers (BENCH_DATABASE_URL overrides), else SQLite under var/.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import re
import subprocess
import tempfile
import time

from bench import harness

N_ASSOCIATIONS = 500
SMALL = 50
YEARS = list(range(2016, 2026))
PG_URL = "postgres://postgres@127.0.0.1:5432/solidaire_bench_observatoire"
QUARTIERS = ["centre", "sablons", "maillets", "pontlieue", "bellevue-carnac", "glonnieres", "ronceray", ""]


def _database() -> None:
    if "BENCH_DATABASE_URL" not in os.environ:
        if harness._postgres_available(PG_URL):
            os.environ["BENCH_DATABASE_URL"] = PG_URL
        else:
            (harness.ROOT / "var").mkdir(exist_ok=True)
            os.environ["BENCH_DATABASE_URL"] = (
                f"sqlite:///{harness.ROOT / 'var' / 'bench_observatoire.sqlite3'}"
            )


def _reset() -> None:
    from associations.structures.models import Association
    from indicators.sheets.models import Sheet, SheetAudit, SheetValue
    from solidaire.core.documents.models import GeneratedDocument

    SheetAudit.objects.filter(sheet__association__slug__startswith="bench-obs-").delete()
    SheetValue.objects.filter(sheet__association__slug__startswith="bench-obs-").delete()
    Sheet.objects.filter(association__slug__startswith="bench-obs-").delete()
    Association.objects.filter(slug__startswith="bench-obs-").delete()
    GeneratedDocument.objects.filter(kind__startswith="observatoire.").delete()


def _catalogue():
    from indicators.catalogue import demo as catalogue_demo
    from indicators.catalogue.models import Campaign, CampaignIndicator
    from indicators.territories import demo as territories_demo

    indicators, _ = catalogue_demo.load()
    for year in YEARS:
        campaign, _ = Campaign.objects.get_or_create(
            year=year, defaults={"opens_on": dt.date(year, 10, 1), "closes_on": dt.date(year + 1, 1, 31)}
        )
        for order, (code, indicator) in enumerate(indicators.items()):
            if code != "ateliers_numeriques":
                CampaignIndicator.objects.get_or_create(
                    campaign=campaign, indicator=indicator, defaults={"order": order}
                )
    territories_demo.load(stdout=io.StringIO())
    return indicators


def _structures(start: int, stop: int, indicators) -> None:
    from django.utils import timezone

    from associations.structures.models import Association
    from indicators.catalogue.models import Campaign
    from indicators.sheets.demo import _profile, _split, _values
    from indicators.sheets.models import Sheet, SheetStatus, SheetValue

    Association.objects.bulk_create(
        [
            Association(
                name=f"Structure de banc {i:04d}",
                slug=f"bench-obs-{i:04d}",
                kind="association" if i % 4 else "centre_social",
                status="published",
                quartier=QUARTIERS[i % len(QUARTIERS)],
                city="Le Mans",
            )
            for i in range(start, stop)
        ]
    )
    associations = list(
        Association.objects.filter(slug__gte=f"bench-obs-{start:04d}", slug__lt=f"bench-obs-{stop:04d}")
    )
    campaigns = {c.year: c for c in Campaign.objects.filter(year__in=YEARS)}
    categories = list(indicators["typologie"].breakdown.categories.order_by("order"))
    for year in YEARS:
        moment = timezone.make_aware(dt.datetime(year + 1, 1, 20, 10))
        sheets = Sheet.objects.bulk_create(
            [
                Sheet(
                    association=a, campaign=campaigns[year], status=SheetStatus.VALIDATED, validated_at=moment
                )
                for a in associations
            ]
        )
        rows = []
        for sheet, association in zip(sheets, associations, strict=True):
            rng = random.Random(f"{association.slug}-{year}")  # noqa: S311 - bench data
            values = _values(rng, _profile(random.Random(association.slug)), 1 + 0.04 * (year - YEARS[0]))  # noqa: S311
            rows += [SheetValue(sheet=sheet, indicator=indicators[c], value=v) for c, v in values.items()]
            shares = _split(rng, int(values["personnes"]), len(categories))
            rows += [
                SheetValue(sheet=sheet, indicator=indicators["typologie"], category=cat, value=share)
                for cat, share in zip(categories, shares, strict=True)
            ]
        SheetValue.objects.bulk_create(rows, batch_size=5000)


def _pages(content: bytes) -> int:
    """Pages of a PDF, from poppler's pdfinfo (object streams hide the page objects from a regex)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        out = subprocess.run(["pdfinfo", handle.name], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def _queries() -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from indicators.observatoire.selectors import network_report

    with CaptureQueriesContext(connection) as captured:
        network_report(year=YEARS[-1])
    return len(captured)


def main() -> None:
    _database()
    url = harness.setup_django()
    from indicators.observatoire import documents
    from solidaire.core.documents.registry import get_renderer

    harness.heading(
        f"Observatoire: annual report, {N_ASSOCIATIONS} structures × {len(YEARS)} years ({url.split(':')[0]})"
    )
    _reset()
    indicators = _catalogue()
    started = time.monotonic()
    _structures(0, SMALL, indicators)
    small = _queries()
    _structures(SMALL, N_ASSOCIATIONS, indicators)
    print(f"data: {N_ASSOCIATIONS * len(YEARS)} validated sheets built in {time.monotonic() - started:.1f} s")
    print(f"report queries: {small} at {SMALL} structures, {_queries()} at {N_ASSOCIATIONS} structures")

    renderer = get_renderer(documents.ANNUAL)
    steps = []
    started = time.monotonic()
    rendered = renderer.render(
        renderer.clean_params({"year": YEARS[-1]}),
        lambda p, s: steps.append((time.monotonic() - started, p, s)),
    )
    seconds = time.monotonic() - started
    pages = _pages(rendered.content)
    size = len(rendered.content) / 1024
    print(
        f"annual report: {pages} pages, {size:.0f} KiB, {seconds:.1f} s (goal ≤ 60 s), "
        f"{pages / seconds:.2f} pages/s, peak RSS {harness.peak_rss_mb():.0f} MiB (goal < 1024 MiB)"
    )
    for at, percent, step in steps:
        print(f"  {at:6.1f} s  {percent:3d} %  {step}")
    _reset()


if __name__ == "__main__":
    main()
