"""The events agenda at scale: 2,000 upcoming editions (a series each 40, a few stages and
participating structures).

(a) The list page (first page and a filtered one) vs the trivial /healthz, same run, under wrk
    with gunicorn (2 workers): req/s and the ratio (goal ≥ 0.3); and the list with a new query
    string on every request, so that its cache never answers (the worst case).
(b) The full calendar feed (/evenements/calendrier.ics, every edition to come): time to produce
    it in-process and over HTTP (goal < 1 s), its size and number of VEVENTs; and the time when
    every stored VEVENT must be rewritten by icalendar (after a change of the site address).
"""

from __future__ import annotations

import datetime as dt
import time
import urllib.request

from bench import harness

EDITIONS = 2000
PREFIX = "bench-evenement-"


def generate() -> None:
    """Bulk-create the dataset once (re-runs reuse it)."""
    from django.utils import timezone

    from associations.structures.models import Association
    from associations.structures.taxonomy import Quartier
    from events.calendar.models import Edition, EventSeries, SeriesKind, Stage
    from events.participation.models import Participation, ParticipationStatus

    if Edition.objects.filter(slug__startswith=PREFIX).count() >= EDITIONS:
        return
    Edition.objects.filter(slug__startswith=PREFIX).delete()
    EventSeries.objects.filter(slug__startswith=PREFIX).delete()
    kinds = list(SeriesKind.values)
    series = EventSeries.objects.bulk_create(
        EventSeries(name=f"Série de test {n}", slug=f"{PREFIX}serie-{n}", kind=kinds[n % len(kinds)])
        for n in range(EDITIONS // 40)
    )
    quartiers = list(Quartier.values)
    start = timezone.now() + dt.timedelta(days=1)
    editions = Edition.objects.bulk_create(
        Edition(
            series=series[n % len(series)],
            title=f"Édition de test {n}",
            slug=f"{PREFIX}{n}",
            summary="Un moment de rencontre entre habitants, bénévoles et associations.",
            starts_at=start + dt.timedelta(hours=4 * n),
            ends_at=start + dt.timedelta(hours=4 * n + 3),
            all_day=n % 7 == 0,
            venue_name="Place de la République",
            street="Place de la République",
            postcode="72000",
            quartier=quartiers[n % len(quartiers)],
            latitude="48.007400",
            longitude="0.198500",
            status="cancelled" if n % 50 == 0 else "scheduled",
        )
        for n in range(EDITIONS)
    )
    Stage.objects.bulk_create(
        Stage(edition=e, position=p, name=f"Étape {p}", starts_at=e.starts_at + dt.timedelta(minutes=30 * p))
        for e in editions[::10]
        for p in (1, 2, 3)
    )
    structures = list(Association.objects.order_by("pk")[:20])
    Participation.objects.bulk_create(
        Participation(
            edition=e,
            association=structures[i % len(structures)],
            offer="Stand",
            status=ParticipationStatus.ACCEPTED,
        )
        for i, e in enumerate(editions[::5])
        if structures
    )


def main() -> None:
    db_url = harness.setup_django()
    from django.core.management import call_command
    from django.test import RequestFactory
    from django.utils import timezone

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    started = time.monotonic()
    generate()
    print(f"dataset ready in {time.monotonic() - started:.1f} s")

    from events.calendar.models import Edition
    from events.public.views import calendar_feed

    upcoming = Edition.objects.filter(ends_at__gte=timezone.now()).count()
    harness.heading(f"Events agenda: {upcoming} editions to come ({db_url.split(':')[0]})")

    # (b) the feed, in-process (best of 5, after one warm-up) and over HTTP
    request = RequestFactory().get("/evenements/calendrier.ics", HTTP_HOST="127.0.0.1")
    calendar_feed(request)
    timings = []
    for _ in range(5):
        t = time.perf_counter()
        response = calendar_feed(request)
        timings.append(time.perf_counter() - t)
    content = response.content
    # The cold path: every stored VEVENT rewritten (after a deploy that changes the site address).
    Edition.objects.update(ics_fingerprint="")
    t = time.perf_counter()
    calendar_feed(request)
    cold = time.perf_counter() - t
    print(
        f"full .ics in-process: best {min(timings) * 1000:.0f} ms, worst {max(timings) * 1000:.0f} ms "
        f"({len(content) / 1024:.0f} KiB, {content.count(b'BEGIN:VEVENT')} VEVENTs) — goal < 1000 ms"
    )
    print(
        f"full .ics with every VEVENT rewritten by icalendar (after they all changed): {cold * 1000:.0f} ms"
    )

    with harness.served(workers=2) as base:
        t = time.perf_counter()
        with urllib.request.urlopen(base + "/evenements/calendrier.ics", timeout=60) as r:
            size = len(r.read())
        print(f"full .ics over HTTP: {(time.perf_counter() - t) * 1000:.0f} ms ({size / 1024:.0f} KiB)")
        # (a) the list page vs /healthz
        harness.load(base + "/evenements/", seconds=2)  # warm-up
        health = harness.load(base + "/healthz", seconds=10)
        listing = harness.load(base + "/evenements/", seconds=10)
        filtered = harness.load(base + "/evenements/?type=interculturel&quartier=centre&page=2", seconds=10)
        # Every request a new query string: the results cache never answers (the worst case).
        uncached = harness.load(base + "/evenements/", seconds=10, unique_query=True)
    print(health.line("/healthz"))
    print(listing.line("/evenements/"))
    print(filtered.line("/evenements/?type&quartier&page=2"))
    print(f"list/healthz throughput ratio: {listing.rps / health.rps:.2f} (goal ≥ 0.3)")
    print(uncached.line("/evenements/ (cache missed)"))
    print(f"filtered list/healthz throughput ratio: {filtered.rps / health.rps:.2f}")
    print(f"uncached list/healthz throughput ratio: {uncached.rps / health.rps:.2f}")


if __name__ == "__main__":
    main()
