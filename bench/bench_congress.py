"""Congress registration under load: 1,000 registration attempts from 50 concurrent clients at
a workshop of 100 places, through gunicorn and the database (PostgreSQL when it answers).

Each attempt is a real form POST (CSRF token, every field); each comes from its own address
(X-Forwarded-For behind one trusted proxy, as in production) and its own e-mail, so the rate
limits see 1,000 different people. Then every registration is confirmed through its e-mail
link (POST). Expected: exactly 100 places given (and confirmed), 900 on the waiting list, no 5xx.
Prints registrations/s and p50/p95 latency of both phases.

Figures of 30 November 2026 (2 cores shared with six other engineers' test runs, load average
about 8; PostgreSQL 16 on loopback, gunicorn 4 workers): exactly 100 places given, 900 on the
waiting list, 0 answers 5xx, every run; registration 8-13 attempts/s, p50 3.7-6.2 s, p95
4.5-8.6 s with 50 clients in flight; confirmation 7-8/s. In-process one registration costs about
12 queries (~35 ms on an idle database); the contended workshop row is locked for the last five
of them only.
"""

from __future__ import annotations

import datetime as dt
import http.cookiejar
import os
import re
import statistics
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from bench import harness

ATTEMPTS = 1000
CLIENTS = 50
CAPACITY = 100
BENCH_EDITION = 900  # edition number reserved for the benchmark


def _edition():
    """A fresh edition for the run (the previous run's is deleted): one day, one workshop."""
    from django.utils import timezone

    from congress.editions.models import CongressDay, CongressEdition, Session, SessionKind
    from congress.registrations.models import Registration

    Registration.objects.filter(edition__number=BENCH_EDITION).delete()
    CongressEdition.objects.filter(number=BENCH_EDITION).delete()
    year = timezone.localdate().year + 60
    edition = CongressEdition.objects.create(
        number=BENCH_EDITION,
        year=year,
        title="Congrès de test de charge",
        starts_on=dt.date(year, 2, 2),
        ends_on=dt.date(year, 2, 2),
        venue="Palais des Congrès",
        registration_opens_at=timezone.now() - dt.timedelta(days=1),
        registration_closes_at=timezone.now() + dt.timedelta(days=30),
    )
    day = CongressDay.objects.create(edition=edition, date=edition.starts_on)
    workshop = Session.objects.create(
        day=day,
        kind=SessionKind.WORKSHOP,
        title="Atelier très demandé",
        starts_at=dt.time(10),
        ends_at=dt.time(12),
        capacity=CAPACITY,
    )
    return edition, day, workshop


class Client:
    """One browser: a cookie jar, a CSRF token from one GET of the form."""

    def __init__(self, base: str, form_url: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            _NoRedirect(),
        )
        html = self.opener.open(base + form_url, timeout=60).read().decode()
        self.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def post(self, path: str, data: dict, address: str) -> tuple[int, float]:
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.token}, doseq=True).encode()
        request = urllib.request.Request(self.base + path, data=body, headers={"X-Forwarded-For": address})
        start = time.perf_counter()
        try:
            with self.opener.open(request, timeout=120) as response:
                status = response.status
        except urllib.error.HTTPError as exc:
            status = exc.code
        return status, time.perf_counter() - start


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _run(clients: list[Client], jobs: list[tuple[str, dict, str]]) -> tuple[list[int], list[float], float]:
    def work(index: int):
        client = clients[index % len(clients)]
        results = []
        for path, data, address in jobs[index :: len(clients)]:
            results.append(client.post(path, data, address))
        return results

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        results = [r for chunk in pool.map(work, range(len(clients))) for r in chunk]
    elapsed = time.perf_counter() - start
    return [s for s, _ in results], [t for _, t in results], elapsed


def _line(label: str, statuses: list[int], latencies: list[float], elapsed: float) -> str:
    p95 = statistics.quantiles(latencies, n=20)[-1] * 1000
    p50 = statistics.median(latencies) * 1000
    server_errors = sum(1 for s in statuses if s >= 500)
    return (
        f"{label:<28} {len(statuses) / elapsed:8.1f} /s   p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   "
        f"({len(statuses)} requests, {server_errors} answers 5xx, statuses {sorted(set(statuses))})"
    )


def main() -> None:
    db_url = harness.setup_django()
    from congress.registrations.models import Booking, BookingStatus, Registration, RegistrationStatus

    edition, day, workshop = _edition()
    form_url = f"/congres/{edition.year}/inscription/"
    slot = f"slot_{day.date:%Y%m%d}_{workshop.starts_at:%H%M}"
    base_data = {
        "civility": "mme",
        "last_name": "Charge",
        "first_name": "Test",
        "organisation_kind": "association",
        "city": "Le Mans",
        "country": "France",
        "days": str(day.pk),
        slot: str(workshop.pk),
        "accept_waiting_list": "on",
        "consent_processing": "on",
    }
    jobs = [
        (
            form_url,
            {**base_data, "email": f"charge{i}@example.org"},
            f"10.{i // 65536}.{i // 256 % 256}.{i % 256}",
        )
        for i in range(ATTEMPTS)
    ]
    os.environ["TRUSTED_PROXY_COUNT"] = "1"  # the X-Forwarded-For address is the client's
    harness.heading(
        f"Congress registration: {ATTEMPTS} attempts, {CLIENTS} clients, {CAPACITY} places "
        f"(gunicorn 4 workers, {db_url.split(':')[0]})"
    )
    with harness.served(workers=4) as base:
        clients = [Client(base, form_url) for _ in range(CLIENTS)]
        statuses, latencies, elapsed = _run(clients, jobs)
        print(_line("registration (POST form)", statuses, latencies, elapsed))
        tokens = list(Registration.objects.filter(edition=edition).values_list("token", flat=True))
        confirm_jobs = [
            (f"/congres/inscription/{t}/confirmer/", {}, f"10.9.{i // 256}.{i % 256}")
            for i, t in enumerate(tokens)
        ]
        c_statuses, c_latencies, c_elapsed = _run(clients, confirm_jobs)
        print(_line("confirmation (e-mail link)", c_statuses, c_latencies, c_elapsed))

    registrations = Registration.objects.filter(edition=edition)
    confirmed = registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    places = Booking.objects.filter(session=workshop, status=BookingStatus.PLACE).count()
    waiting = Booking.objects.filter(session=workshop, status=BookingStatus.WAITING).count()
    workshop.refresh_from_db()
    print(
        f"registrations {registrations.count()} (confirmed {confirmed}); workshop: {places} places given "
        f"(counter {workshop.places_taken}/{CAPACITY}), {waiting} on the waiting list"
    )
    ok = (
        places == CAPACITY == workshop.places_taken
        and places + waiting == ATTEMPTS
        and confirmed == ATTEMPTS
        and not any(s >= 500 for s in statuses + c_statuses)
    )
    print("RESULT:", "OK — exactly 100 places, the rest waitlisted, no 5xx" if ok else "FAILED")
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
