"""The directory at scale: 5,000 structures × 3 services.

(a) The list page with a filter and a search term vs the trivial /healthz, same run, under wrk
    with gunicorn (2 workers): both req/s and the ratio (goal ≥ 0.3).
(a') The same page in-process (Django test client, no network): mean time on a cache hit and
    on a cache miss (a new query string each time, as a first-time search; goal ≤ 8 ms at
    5,000 structures), each with its ratio to /healthz measured the same way.
(b) The streamed data·inclusion export of all structures: time (goal < 5 s), the size, and the
    memory: the client's peak RSS, and the server-side Python peak (tracemalloc) of producing
    the whole document in-process, compared with producing a tenth of it (flat = streaming).
"""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc

from bench import harness

STRUCTURES = 5000
SERVICES_PER_STRUCTURE = 3
PREFIX = "bench-annuaire-"
HOURS = [
    "Mo-Fr 09:00-12:00,14:00-17:00; PH off",
    "Tu,Th 14:00-18:00; Sa 09:30-12:00",
    "Mo-Sa 08:00-20:00",
    "",
    "We 10:00-16:00",
]
WORDS = [
    "aide alimentaire",
    "épicerie solidaire",
    "ateliers de français",
    "douches",
    "accès aux droits",
    "numérique",
    "parentalité",
    "vestiboutique",
    "accueil de jour",
]


def generate() -> None:
    """Bulk-create the dataset once (re-runs reuse it): search text and opening table are
    computed here in bulk, as services.derived_data_refresh would one structure at a time."""
    from associations.structures.hours import closed_on_holidays, weekly_slots
    from associations.structures.models import Association, OpeningSlot, Service, Thematique
    from associations.structures.services import thematiques_sync
    from associations.structures.taxonomy import Quartier
    from solidaire.core.text.search import normalize_search

    if Association.objects.filter(slug__startswith=PREFIX).count() >= STRUCTURES:
        return
    Association.objects.filter(slug__startswith=PREFIX).delete()
    thematiques_sync()
    themes = list(Thematique.objects.all())
    quartiers = list(Quartier.values)
    started = time.monotonic()
    associations = []
    for i in range(STRUCTURES):
        words = WORDS[i % len(WORDS)]
        name = f"Structure {i} — {words}"
        summary = f"Association du quartier, {words}, accueil et orientation."
        service_names = [f"{WORDS[(i + k) % len(WORDS)]} {k}" for k in range(SERVICES_PER_STRUCTURE)]
        associations.append(
            Association(
                name=name,
                slug=f"{PREFIX}{i}",
                status="published",
                summary=summary,
                quartier=quartiers[i % len(quartiers)],
                opening_hours=HOURS[i % len(HOURS)],
                street=f"{i} rue de la Solidarité",
                postcode="72000",
                phone="02 43 00 00 00",
                languages=["fr", "en"] if i % 4 == 0 else ["fr"],
                pmr_accessible=i % 3 == 0,
                search_name=normalize_search(name),
                search_text=normalize_search(" ".join([name, summary, *service_names])),
            )
        )
    Association.objects.bulk_create(associations, batch_size=1000)
    created = list(Association.objects.filter(slug__startswith=PREFIX).values_list("pk", "opening_hours"))
    slots = [
        OpeningSlot(
            association_id=pk,
            weekday=s.weekday,
            opens=s.opens,
            closes=s.closes,
            holidays_closed=closed_on_holidays(hours),
        )
        for pk, hours in created
        for s in weekly_slots(hours)
    ]
    OpeningSlot.objects.bulk_create(slots, batch_size=5000)
    services = [
        Service(
            association_id=pk,
            name=f"{WORDS[(n + k) % len(WORDS)]} {k}",
            description="Un service pour les habitants du Mans.",
            publics=["tous-publics"],
            fee="gratuit" if k % 2 == 0 else "payant",
            access_conditions=["inconditionnel"],
            modes=["sur-place"],
        )
        for n, (pk, _) in enumerate(created)
        for k in range(SERVICES_PER_STRUCTURE)
    ]
    Service.objects.bulk_create(services, batch_size=2000)
    through = Service.thematiques.through
    rows = Service.objects.filter(association__slug__startswith=PREFIX).values_list("pk", flat=True)
    through.objects.bulk_create(
        [through(service_id=pk, thematique_id=themes[pk % len(themes)].pk) for pk in rows], batch_size=5000
    )
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # what autovacuum would do after such a load
            cursor.execute("ANALYZE")
    print(
        f"dataset: {len(created)} structures, {len(services)} services, {len(slots)} opening "
        f"slots generated in {time.monotonic() - started:.1f} s"
    )


def export_memory(limit: int | None) -> tuple[float, int]:
    """Python peak allocation (MiB) while producing the export of `limit` structures."""
    from unittest import mock

    from associations.directory import exports

    original = exports.published_structures

    def limited():
        qs = original()
        return qs.filter(pk__in=qs.values("pk")[:limit]) if limit else qs

    with mock.patch.object(exports, "published_structures", limited):
        tracemalloc.start()
        size = sum(len(part) for part in exports.structures_json("http://127.0.0.1"))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak / 2**20, size


def inprocess_ms(list_url: str, *, rounds: int = 150) -> dict[str, tuple[float, float, int]]:
    """/healthz, the list page on a cache hit and on a cache miss, in-process (Django test
    client, no network), taken in turns so that all three see the same machine (its speed was
    seen to drift by half within a minute here). For each: the median and mean wall time (ms)
    and the queries of one request. A miss carries a new dummy parameter, so the results cache
    misses while the small shared things (directory version and index, thematique options,
    synonyms) stay warm, as on a running site."""
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    sep = "&" if "?" in list_url else "?"

    def url_of(kind: str, n: int) -> str:
        if kind == "health":
            return "/healthz"
        return f"{list_url}{sep}_bench={n}-{time.monotonic_ns()}" if kind == "miss" else list_url

    kinds = ("health", "hit", "miss")
    for n in range(5):  # warm-up: imports, template loading, connection
        for kind in kinds:
            assert client.get(url_of(kind, n)).status_code == 200
    counts = {}
    for kind in kinds:
        queries = []
        with connection.execute_wrapper(
            lambda execute, sql, *args, q=queries: q.append(sql) or execute(sql, *args)
        ):
            client.get(url_of(kind, -1))
        counts[kind] = len(queries)
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    for n in range(rounds):
        for kind in kinds:
            target = url_of(kind, n)
            started = time.perf_counter()
            assert client.get(target).status_code == 200
            times[kind].append((time.perf_counter() - started) * 1000)
    return {
        kind: (statistics.median(values), statistics.fmean(values), counts[kind])
        for kind, values in times.items()
    }


def index_build_ms() -> tuple[float, int]:
    """The first search after a write builds the directory index again: its time (ms) and the
    queries it runs."""
    from django.db import connection

    from associations.search.index import DirectoryIndex

    queries = []
    started = time.perf_counter()
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        DirectoryIndex.build(version=0)
    return (time.perf_counter() - started) * 1000, len(queries)


def inprocess_report(list_url: str) -> None:
    figures = inprocess_ms(list_url)
    health = figures["health"][0]
    print(f"/healthz in-process:                  {health:6.2f} ms median ({figures['health'][1]:.2f} mean)")
    for label, kind in (("cache hit", "hit"), ("cache miss", "miss")):
        median, mean, queries = figures[kind]
        print(
            f"list page, {label + ' (in-process):':<24}{median:6.2f} ms median ({median / health:4.1f} × "
            f"/healthz; mean {mean:.2f} ms), {queries} queries"
        )
    built, queries = index_build_ms()
    print(f"directory index rebuilt after a write: {built:.0f} ms, {queries} queries (once per process)")
    print(
        f"goal: a cache miss ≤ 8 ms at {STRUCTURES} structures (here {figures['miss'][0]:.2f} ms, "
        f"with /healthz at {health:.2f} ms; load now: {_load()})"
    )


def _load() -> str:
    import os

    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> None:
    db_url = harness.setup_django()
    generate()
    if "--inprocess" in sys.argv:  # quick figure while working on the page
        inprocess_report("/annuaire/?q=alimentaire&thematique=aide-alimentaire&gratuit=on")
        return
    from associations.structures.models import Association

    total = Association.objects.filter(status="published").count()
    list_url = "/annuaire/?q=alimentaire&thematique=aide-alimentaire&gratuit=on"
    harness.heading(
        f"Directory list vs /healthz (gunicorn 2 workers, wrk 8 connections, "
        f"{db_url.split(':')[0]}, {total} published structures)"
    )
    with harness.served(workers=2) as base:
        harness.load(base + list_url, seconds=2)  # warm-up
        health = harness.load(base + "/healthz", seconds=10)
        directory = harness.load(base + list_url, seconds=10)
        print(health.line("/healthz"))
        print(directory.line("/annuaire/ (search + filters)"))
        print(
            f"list/healthz throughput ratio: {directory.rps / health.rps:.2f} (goal ≥ 0.30; "
            "repeated query string, so mostly result-cache hits)"
        )
        # The honest other half: every request a new query string, so every one is a miss.
        cold = harness.load(base + list_url, seconds=10, unique_query=True)
        print(cold.line("/annuaire/ (every request a miss)"))
        print(f"cache-miss list/healthz throughput ratio: {cold.rps / health.rps:.2f}")

        harness.heading("Streamed data·inclusion export of all structures")
        seconds, client_rss, size = harness.peak_rss_mb_of_request(base + "/annuaire/export/structures.json")
        print(
            f"structures.json: {size / 2**20:.1f} MiB in {seconds:.2f} s (goal < 5 s), "
            f"client peak RSS {client_rss:.0f} MiB"
        )
        seconds, _, size = harness.peak_rss_mb_of_request(base + "/annuaire/export/services.json")
        print(f"services.json:   {size / 2**20:.1f} MiB in {seconds:.2f} s")
    harness.heading("The same list page in-process (test client, no network)")
    inprocess_report(list_url)
    small_peak, small_size = export_memory(total // 10)
    full_peak, full_size = export_memory(None)
    print(
        f"server-side Python peak while producing the export: {small_peak:.1f} MiB for "
        f"{small_size / 2**20:.1f} MiB of JSON (1/10), {full_peak:.1f} MiB for "
        f"{full_size / 2**20:.1f} MiB (all): memory does not follow the output size"
    )


if __name__ == "__main__":
    main()
