"""Indicators at the issue's scale: 500 structures × 10 years × 40 indicators (200,000 values).

Prints:
- the staff follow-up page and review screen query counts, at 50 then 500 structures
  (they must not change);
- the streamed long-format export of every year: time (goal < 10 s), bytes, and the peak RSS
  of the process doing it, next to the same process exporting a single year (constant memory
  means both peaks are close).

Run: `python -m bench.bench_indicators` (or `make bench`). Database: PostgreSQL
`solidaire_bench_indicators` when it answers (BENCH_DATABASE_URL overrides), else SQLite under var/.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
import sys
import time

from bench import harness

N_ASSOCIATIONS = 500
SMALL = 50
YEARS = list(range(2016, 2026))
N_INDICATORS = 40
PG_URL = "postgres://postgres@127.0.0.1:5432/solidaire_bench_indicators"


def _database() -> None:
    if "BENCH_DATABASE_URL" not in os.environ:
        if harness._postgres_available(PG_URL):
            os.environ["BENCH_DATABASE_URL"] = PG_URL
        else:
            (harness.ROOT / "var").mkdir(exist_ok=True)
            os.environ["BENCH_DATABASE_URL"] = (
                f"sqlite:///{harness.ROOT / 'var' / 'bench_indicators.sqlite3'}"
            )


def _reset():
    from associations.structures.models import Association
    from indicators.catalogue.models import Campaign, CampaignIndicator, IndicatorDefinition, ValidationRule
    from indicators.reminders.models import Reminder
    from indicators.sheets.models import Sheet, SheetAudit, SheetValue

    for model in (
        SheetAudit,
        SheetValue,
        Reminder,
        Sheet,
        CampaignIndicator,
        Campaign,
        ValidationRule,
        IndicatorDefinition,
    ):
        model.objects.all().delete()
    Association.objects.filter(slug__startswith="bench-").delete()


def _catalogue():
    from indicators.catalogue.models import Campaign, CampaignIndicator, IndicatorDefinition, ValidationRule

    indicators = IndicatorDefinition.objects.bulk_create(
        [
            IndicatorDefinition(
                code=f"ind_{i:02d}",
                label=f"Indicateur {i}",
                family=["activite", "publics", "prestations", "structure"][i % 4],
                order=i,
            )
            for i in range(N_INDICATORS)
        ]
    )
    indicators = list(IndicatorDefinition.objects.order_by("order"))
    campaigns = []
    for year in YEARS:
        campaign = Campaign.objects.create(
            year=year, opens_on=dt.date(year, 10, 1), closes_on=dt.date(year + 1, 1, 31)
        )
        CampaignIndicator.objects.bulk_create(
            [CampaignIndicator(campaign=campaign, indicator=ind, order=i) for i, ind in enumerate(indicators)]
        )
        campaigns.append(campaign)
    ValidationRule.objects.create(
        name="0 ≥ 1", left="ind_00", operator="gte", right="ind_01", message="Incohérent."
    )
    ValidationRule.objects.create(
        name="2 et 3", left="ind_02", operator="both", right="ind_03", message="Les deux ou aucun."
    )
    return indicators, campaigns


def _structures(start: int, stop: int, indicators, campaigns) -> None:
    from django.utils import timezone

    from associations.structures.models import Association
    from indicators.sheets.models import Sheet, SheetValue

    associations = Association.objects.bulk_create(
        [
            Association(
                name=f"Structure banc {i:04d}", slug=f"bench-{i:04d}", status="published", kind="association"
            )
            for i in range(start, stop)
        ]
    )
    associations = list(Association.objects.filter(slug__in=[a.slug for a in associations]))
    now = timezone.now()
    sheets = Sheet.objects.bulk_create(
        [
            Sheet(
                association=a,
                campaign=c,
                status="validated" if c.year < 2025 else "submitted",
                submitted_at=now,
                validated_at=now if c.year < 2025 else None,
            )
            for a in associations
            for c in campaigns
        ],
        batch_size=2000,
    )
    sheets = list(Sheet.objects.filter(association__in=associations).only("pk"))
    rng = random.Random(start)  # noqa: S311 - synthetic data
    batch = []
    for sheet in sheets:
        for indicator in indicators:
            batch.append(SheetValue(sheet_id=sheet.pk, indicator_id=indicator.pk, value=rng.randint(0, 5000)))
        if len(batch) >= 20000:
            SheetValue.objects.bulk_create(batch, batch_size=5000)
            batch = []
    SheetValue.objects.bulk_create(batch, batch_size=5000)


def _query_counts(label: str) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from associations.structures.models import Association
    from solidaire.accounts.models import User

    staff, _ = User.objects.get_or_create(
        email="bench-staff@example.org", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client(SERVER_NAME="localhost")
    client.force_login(staff)
    slug = Association.objects.filter(slug__startswith="bench-").order_by("slug").first().slug
    pages = {
        "suivi (follow-up)": "/indicateurs/suivi/2025/",
        "examen (review)": f"/indicateurs/suivi/2025/{slug}/",
    }
    for name, url in pages.items():
        client.get(url)  # warm-up (session, content types)
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, (url, response.status_code)
        print(
            f"{label:<22} {name:<20} {len(queries.captured_queries):3d} queries {elapsed:8.1f} ms", flush=True
        )


def _export_child(year: str) -> None:
    """Runs in a fresh process: stream the export to nowhere, print time, bytes, peak RSS."""
    harness.setup_django()
    from django.test import Client

    from solidaire.accounts.models import User

    client = Client(SERVER_NAME="localhost")
    client.force_login(User.objects.get(email="bench-staff@example.org"))
    baseline = _current_rss_mb()
    highest = baseline
    start = time.perf_counter()
    url = "/indicateurs/suivi/export-long.csv" + (f"?annee={year}" if year != "all" else "")
    response = client.get(url)
    size = lines = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += chunk.count(b"\n")
        if lines % 5000 == 0:
            highest = max(highest, _current_rss_mb())
    elapsed = time.perf_counter() - start
    highest = max(highest, _current_rss_mb())
    print(f"{elapsed:.3f} {size} {lines} {baseline:.1f} {highest:.1f} {harness.peak_rss_mb():.1f}")


def _current_rss_mb() -> float:
    """Resident memory now (VmRSS), to see growth during the export itself."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _export(year: str) -> tuple[float, int, int, float, float, float]:
    out = subprocess.run(
        [sys.executable, "-m", "bench.bench_indicators", "--export-child", year],
        cwd=harness.ROOT,
        env=harness.bench_env(),
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return (float(out[0]), int(out[1]), int(out[2]), float(out[3]), float(out[4]), float(out[5]))


def main() -> None:
    _database()
    db_url = harness.setup_django()
    engine = db_url.split(":")[0]
    harness.heading(
        f"Indicators: {N_ASSOCIATIONS} structures × {len(YEARS)} years × {N_INDICATORS} indicators ({engine})"
    )
    start = time.perf_counter()
    _reset()
    indicators, campaigns = _catalogue()
    _structures(0, SMALL, indicators, campaigns)
    _query_counts(f"{SMALL} structures")
    _structures(SMALL, N_ASSOCIATIONS, indicators, campaigns)
    from indicators.sheets.models import SheetValue

    print(
        f"data: {SheetValue.objects.count()} values generated in "
        f"{time.perf_counter() - start:.1f} s (bulk_create)",
        flush=True,
    )
    _query_counts(f"{N_ASSOCIATIONS} structures")

    for year, label in (("2025", "long export, one year"), ("all", "long export, every year")):
        seconds, size, lines, before, during, peak = _export(year)
        verdict = "OK" if seconds < 10 else "TOO SLOW"
        print(
            f"{label:<26} {seconds:6.2f} s  {lines - 1:7d} rows  {size / 1e6:6.1f} MB  "
            f"RSS before {before:5.1f} MiB, max during {during:5.1f} MiB "
            f"(+{during - before:.1f}), process peak {peak:5.1f} MiB  "
            f"goal < 10 s: {verdict}",
            flush=True,
        )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--export-child":
        _database()
        _export_child(sys.argv[2])
    else:
        main()
