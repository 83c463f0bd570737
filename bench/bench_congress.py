"""Congress: the opening-day rush at the door, through gunicorn and PostgreSQL.

1,000 registration attempts from 50 concurrent clients at a workshop of 100 places (one attempt
in ten refuses the waiting list, so it is refused with a reason once the workshop is full), then
every registration's confirmation (the e-mail link, POST) with cancellations and workshop changes
mixed in, then the places offered from the waiting list are accepted. Each attempt is a real form
POST (CSRF token, every field) from its own address and e-mail; the rate limits are lifted for
the run (BENCH_RATE_LIMITS=off: the bench measures the door, not the limiter).

Checks (the run fails otherwise): exactly 100 places held and the counter agrees, nobody lost
(every attempt placed, waitlisted or refused with « complet »), no answer 5xx. Prints
registrations/s, confirmations/s, p50/p95, the CPU milliseconds per request of the gunicorn
workers, of PostgreSQL's backends for the bench's database and of this load generator, the
workers' ratio to /healthz measured under the same gunicorn in the same run, and a short profile
(cProfile, in-process) of where a registration's and a confirmation's time go.

Goals (issue 18): ≥ 70 registrations/s and ≥ 70 confirmations/s, p95 ≤ 1.5 s.

Figures of 2 December 2026, 06:15, the code before the last round of issue 18 (f4646ad) and
after it, run back to back with this same bench on a quiet moment of the shared 2 cores (load
average 0.7-2.6; PostgreSQL 16 on loopback, gunicorn 4 sync workers). Correct every run: exactly
100 places, nobody lost, no 5xx. The CPU ratios to /healthz hold better than the rates when
other test runs share the machine (at load 7-9 the same code made 20-25 registrations/s).
                                      before              after
  registrations/s (p95)               99.5 (0.55 s)       110.4 (0.66 s)
  confirmations/s (p95)               57.4 (0.90 s)        99.5 (0.51 s)
  cancel / change p95                 0.93 / 0.96 s       0.55 / 0.63 s
  web CPU per registration            14.9 ms (×15.7)     12.8 ms (×11.3)   (× /healthz's)
  web CPU per confirmation-phase req  24.5 ms (×25.8)     13.9 ms (×12.3)
  PostgreSQL CPU, same                3.0 / 5.7 ms        2.4 / 3.3 ms
  queries (test_registration_cost)    19 / 17 / 25        15 / 10 / 22      (register/confirm/cancel)
In-process profile (cProfile, wall, the same two runs): a registration 41.2 → 19.1 ms (queries
8.8 → 4.1, the service 22.4 → 10.4, the programme read 7-10 → 0.2: cached); a confirmation
48.1 → 23.8 ms (the private link's lookup 12.7 → 3.8, the calendar file 10.3 → 1.7 with its
queries, the e-mail 5.8 → 4.4). What changed: the form's programme cached under a version the
programme's writes move on (places left read only when shown), the confirmation reads the days
and bookings once, the outbox row written as rendered (no second template rendering, no
savepoint). Earlier, at load 8-9: 10.7 → 17.4 registrations/s, 5.4 → 11.3 confirmations/s.
"""

from __future__ import annotations

import cProfile
import datetime as dt
import http.cookiejar
import io
import os
import pstats
import random
import re
import statistics
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from bench import harness

ATTEMPTS = 1000
CLIENTS = 50
CAPACITY = 100
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))  # 2 cores: two sync workers per core
CANCELLATIONS = 40  # among the holders of a place, during the confirmations
CHANGES = 40  # holders moving to the other workshop of the slot, during the confirmations
BENCH_EDITION = 900  # edition number reserved for the benchmark
GOAL_RATE, GOAL_P95 = 70.0, 1.5


def _edition():
    """A fresh edition for the run (the previous run's is deleted): one day, two workshops in
    the same slot, the contended one with 100 places."""
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
    workshop, other = (
        Session.objects.create(
            day=day,
            kind=SessionKind.WORKSHOP,
            title=title,
            starts_at=dt.time(10),
            ends_at=dt.time(12),
            capacity=places,
        )
        for title, places in (("Atelier très demandé", CAPACITY), ("Atelier en grande salle", None))
    )
    return edition, day, workshop, other


@dataclass
class Answer:
    kind: str
    path: str
    status: int
    seconds: float
    refusal: str = ""  # the French reason shown on a refused form


class Client:
    """One browser: a cookie jar, a CSRF token from one GET of the form."""

    def __init__(self, base: str, form_url: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )
        html = self.opener.open(base + form_url, timeout=60).read().decode()
        self.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def request(self, kind: str, path: str, data: dict | None, address: str) -> Answer:
        body = None
        if data is not None:
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.token}, doseq=True).encode()
        request = urllib.request.Request(self.base + path, data=body, headers={"X-Forwarded-For": address})
        start = time.perf_counter()
        refusal = ""
        try:
            with self.opener.open(request, timeout=120) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as exc:
            status = exc.code
            if status == 400:
                found = re.search(r"« [^»]+ » est complet[^<]*", exc.read().decode())
                refusal = found.group(0) if found else "400 without a reason"
        return Answer(kind, path, status, time.perf_counter() - start, refusal)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _run(clients: list[Client], jobs: list[tuple]) -> tuple[list[Answer], float]:
    """Each client sends its share of the jobs one after the other; all clients at once."""

    def work(index: int) -> list[Answer]:
        client = clients[index % len(clients)]
        return [client.request(*job) for job in jobs[index :: len(clients)]]

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        answers = [a for chunk in pool.map(work, range(len(clients))) for a in chunk]
    return answers, time.perf_counter() - start


def _p(latencies: list[float], q: float) -> float:
    if len(latencies) < 2:
        return (latencies or [0.0])[0] * 1000
    return statistics.quantiles(latencies, n=100)[int(q) - 1] * 1000


@dataclass
class Cpu:
    """CPU milliseconds spent over a phase: the gunicorn workers, the PostgreSQL backends of the
    bench's database (None when not measurable), this process (the load generator)."""

    web: float
    postgres: float | None
    client: float

    def per(self, n: int) -> str:
        pg = f"PostgreSQL {self.postgres / n:.1f}, " if self.postgres is not None else ""
        return f"CPU {self.web / n:5.1f} ms/req (+ {pg}client {self.client / n:.1f})"


class _Meter:
    def __init__(self, server, postgres: harness.PostgresCpu) -> None:
        self.server, self.postgres = server, postgres

    def _now(self) -> tuple[float, float | None, float]:
        return harness.server_cpu_ms(self.server), self.postgres.ms(), time.process_time() * 1000

    def phase(self, clients, jobs) -> tuple[list[Answer], float, Cpu]:
        web0, pg0, client0 = self._now()
        answers, elapsed = _run(clients, jobs)
        web1, pg1, client1 = self._now()
        return answers, elapsed, Cpu(web1 - web0, None if pg0 is None else pg1 - pg0, client1 - client0)


def _line(label: str, answers: list[Answer], elapsed: float, cpu: Cpu | None = None) -> str:
    latencies = [a.seconds for a in answers]
    statuses = sorted({a.status for a in answers})
    cpu = f"   {cpu.per(len(answers))}" if cpu is not None else ""
    return (
        f"{label:<30} {len(answers) / elapsed:7.1f} /s   p50 {_p(latencies, 50):7.1f} ms   "
        f"p95 {_p(latencies, 95):7.1f} ms{cpu}   ({len(answers)} requests, statuses {statuses})"
    )


def _cumulative(profiler: cProfile.Profile, count: int, title: str, parts: list[tuple[str, str]]) -> str:
    stats = pstats.Stats(profiler, stream=io.StringIO())
    lines = [
        f"{count} {title} in-process (cProfile, wall time): {stats.total_tt * 1000 / count:.1f} ms each; "
        "cumulative ms per request:"
    ]
    for label, pattern in parts:
        found = [
            (key, value)
            for key, value in stats.stats.items()
            if re.search(pattern, f"{key[0]}:{key[1]}({key[2]})")
        ]
        # Outermost calls only: cumulative time of primitive calls, summed over matching functions.
        ms = sum(value[3] for _key, value in found) * 1000 / count
        lines.append(f"  {label:<58} {ms:7.1f}")
    return "\n".join(lines)


REQUEST_PARTS = [
    ("the whole request (middleware, view, redirect)", r"handlers/base\.py:\d+\(get_response\)"),
    ("database: every query (psycopg execute, waits included)", r"psycopg/cursor\.py:\d+\(execute\)"),
    ("database: commit", r"psycopg/connection\.py:\d+\(commit\)"),
]


def _profile(edition, day, workshop, count: int = 60) -> str:
    """Where one registration's and one confirmation's time goes: `count` form POSTs, then their
    `count` confirmations, in this process under cProfile."""
    from django.test import Client as DjangoClient

    from congress.registrations.models import Registration

    client = DjangoClient(HTTP_HOST="127.0.0.1")
    url = f"/congres/{edition.year}/inscription/"
    data = {**_base_data(day, workshop), "accept_waiting_list": "on"}
    client.post(url, {**data, "email": "echauffement@example.org"})  # warm caches and imports
    profiler = cProfile.Profile()
    profiler.enable()
    for i in range(count):
        client.post(url, {**data, "email": f"profil{i}@example.org"}, REMOTE_ADDR=f"10.200.0.{i}")
    profiler.disable()
    registration = _cumulative(
        profiler,
        count,
        "registrations",
        [  # (label, the functions whose cumulative time it is; none nested in another)
            *REQUEST_PARTS,
            (
                "registration_create (the service, its queries included)",
                r"services\.py:\d+\(registration_create\)",
            ),
            ("  capacity: locks, re-counts, bookings", r"capacity\.py:\d+\((rebook|place_in_edition)\)"),
            ("  email_send (render + outbox insert)", r"email/services\.py:\d+\(email_send\)"),
            ("form: programme read (form_choices)", r"registrations/selectors\.py:\d+\(form_choices\)"),
            ("form: fields built (RegistrationForm)", r"registrations/forms\.py:\d+\(__init__\)"),
            ("form: validation (is_valid)", r"django/forms/forms\.py:\d+\(is_valid\)"),
            ("rate limits (cache)", r"ratelimit\.py:\d+\(request_allowed\)"),
        ],
    )
    tokens = Registration.objects.filter(edition=edition, email__startswith="profil").values_list(
        "token", flat=True
    )
    confirm_urls = [f"/congres/inscription/{token}/confirmer/" for token in tokens]
    client.post(
        f"/congres/inscription/{Registration.objects.get(email='echauffement@example.org').token}/confirmer/"
    )
    profiler = cProfile.Profile()
    profiler.enable()
    for i, confirm_url in enumerate(confirm_urls):
        client.post(confirm_url, REMOTE_ADDR=f"10.201.0.{i}")
    profiler.disable()
    confirmation = _cumulative(
        profiler,
        len(confirm_urls),
        "confirmations",
        [
            *REQUEST_PARTS,
            (
                "the private link's lookup (registration_by_token)",
                r"selectors\.py:\d+\(registration_by_token\)",
            ),
            (
                "registration_confirm (the service, its queries included)",
                r"services\.py:\d+\(registration_confirm\)",
            ),
            ("  the calendar file (.ics)", r"registrations/ics\.py:\d+\(registration_calendar\)"),
            ("  email_send (render + outbox insert)", r"email/services\.py:\d+\(email_send\)"),
        ],
    )
    return f"{registration}\n{confirmation}"


def _base_data(day, workshop) -> dict:
    return {
        "civility": "mme",
        "last_name": "Charge",
        "first_name": "Test",
        "organisation_kind": "association",
        "city": "Le Mans",
        "country": "France",
        "days": str(day.pk),
        f"slot_{day.date:%Y%m%d}_{workshop.starts_at:%H%M}": str(workshop.pk),
        "consent_processing": "on",
    }


def _address(i: int, prefix: int = 10) -> str:
    return f"{prefix}.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}"


def main() -> None:
    os.environ["BENCH_RATE_LIMITS"] = "off"
    os.environ["BENCH_OUTBOX"] = "worker"
    os.environ["TRUSTED_PROXY_COUNT"] = "1"  # the X-Forwarded-For address is the client's
    db_url = harness.setup_django()
    from congress.registrations.models import Booking, BookingStatus, Registration, RegistrationStatus

    edition, day, workshop, other = _edition()
    form_url = f"/congres/{edition.year}/inscription/"
    base_data = _base_data(day, workshop)
    refuses_waiting_list = {i for i in range(ATTEMPTS) if i % 10 == 9}
    jobs = [
        (
            "register",
            form_url,
            {
                **base_data,
                "email": f"charge{i}@example.org",
                **({} if i in refuses_waiting_list else {"accept_waiting_list": "on"}),
            },
            _address(i),
        )
        for i in range(ATTEMPTS)
    ]
    harness.heading(
        f"Congress door: {ATTEMPTS} attempts, {CLIENTS} clients, {CAPACITY} places "
        f"(gunicorn {WORKERS} workers, {db_url.split(':')[0]}, {os.cpu_count()} cores)"
    )
    with harness.served_process(workers=WORKERS) as (base, server), harness.PostgresCpu(db_url) as pg:
        meter = _Meter(server, pg)
        clients = [Client(base, form_url) for _ in range(CLIENTS)]
        health_jobs = [("healthz", "/healthz", None, _address(i, 11)) for i in range(ATTEMPTS)]
        health, h_elapsed, cpu_health = meter.phase(clients, health_jobs)
        print(_line("/healthz (same gunicorn)", health, h_elapsed, cpu_health))

        registered, r_elapsed, cpu_register = meter.phase(clients, jobs)
        print(_line("registration (form POST)", registered, r_elapsed, cpu_register))

        # Confirmations of everyone, with cancellations and changes of holders mixed in.
        holders = list(
            Registration.objects.filter(
                bookings__session=workshop, bookings__status=BookingStatus.PLACE
            ).values_list("token", flat=True)
        )
        rng = random.Random(18)
        rng.shuffle(holders)
        cancelled, changed = holders[:CANCELLATIONS], holders[CANCELLATIONS : CANCELLATIONS + CHANGES]
        change_data = {k: v for k, v in base_data.items() if k in ("days",) or k.startswith("slot_")}
        change_data[next(k for k in base_data if k.startswith("slot_"))] = str(other.pk)
        mixed = [
            ("confirm", f"/congres/inscription/{t}/confirmer/", {}, _address(i, 12))
            for i, t in enumerate(
                Registration.objects.filter(edition=edition).values_list("token", flat=True)
            )
        ]
        mixed += [
            ("cancel", f"/congres/inscription/{t}/annuler/", {}, _address(i, 13))
            for i, t in enumerate(cancelled)
        ]
        mixed += [
            ("change", f"/congres/inscription/{t}/modifier/", change_data, _address(i, 14))
            for i, t in enumerate(changed)
        ]
        rng.shuffle(mixed)
        answers, m_elapsed, cpu_mixed = meter.phase(clients, mixed)
        confirms = [a for a in answers if a.kind == "confirm"]
        print(
            _line("confirmation (e-mail link)", confirms, m_elapsed)
            + f"\n{'':<30} with {CANCELLATIONS} cancellations and {CHANGES} changes mixed in: "
            f"{len(answers) / m_elapsed:.1f} requests/s, {cpu_mixed.per(len(answers))};\n{'':<30} "
            f"cancel p95 {_p([a.seconds for a in answers if a.kind == 'cancel'], 95):.0f} ms, "
            f"change p95 {_p([a.seconds for a in answers if a.kind == 'change'], 95):.0f} ms"
        )

        offers = list(
            Booking.objects.filter(session=workshop, status=BookingStatus.OFFERED).values_list(
                "registration__token", "pk"
            )
        )
        accept_jobs = [
            ("accept", f"/congres/inscription/{t}/place/{pk}/", {}, _address(i, 15))
            for i, (t, pk) in enumerate(offers)
        ]
        accepted, a_elapsed = _run(clients, accept_jobs) if accept_jobs else ([], 1.0)
        if accepted:
            print(_line("waiting list: offer accepted", accepted, a_elapsed))

    registrations = Registration.objects.filter(edition=edition)
    by_status = {s: registrations.filter(status=s).count() for s in RegistrationStatus.values}
    places = Booking.objects.filter(session=workshop, status=BookingStatus.PLACE).count()
    waiting = Booking.objects.filter(session=workshop, status=BookingStatus.WAITING).count()
    workshop.refresh_from_db()
    everything = registered + answers + accepted
    refused = [a for a in registered if a.status == 400]
    print(
        f"registrations {registrations.count()} ({by_status['confirmed']} confirmed, "
        f"{by_status['cancelled']} cancelled); workshop: {places} places held (counter "
        f"{workshop.places_taken}/{CAPACITY}), {waiting} waiting, {len(refused)} refused "
        f"(« {refused[0].refusal if refused else '—'} »); moved to the other workshop: "
        f"{Booking.objects.filter(session=other, status=BookingStatus.PLACE).count()}"
    )
    print(
        f"server CPU per request: registration {cpu_register.web / len(registered):.1f} ms, "
        f"confirmation phase {cpu_mixed.web / len(answers):.1f} ms, /healthz "
        f"{cpu_health.web / len(health):.2f} ms; ratios ×{cpu_register.web / max(cpu_health.web, 1e-6):.1f} "
        f"and ×{cpu_mixed.web / len(answers) / max(cpu_health.web / len(health), 1e-6):.1f}"
    )
    problems = []
    if not (places == CAPACITY == workshop.places_taken):
        problems.append(f"{places} places held, counter {workshop.places_taken}, expected {CAPACITY}")
    if registrations.count() + len(refused) != ATTEMPTS:
        problems.append("an attempt was lost (neither a registration nor a refusal with a reason)")
    if any(a.refusal != "" and "complet" not in a.refusal for a in refused):
        problems.append("a refusal without « complet »")
    if any(a.status >= 500 for a in everything):
        problems.append(f"{sum(a.status >= 500 for a in everything)} answers 5xx")
    # A confirmation that arrives after its registration's cancellation is refused (400).
    late = {f"/congres/inscription/{t}/confirmer/" for t in cancelled}
    if any(a.status != 302 and not (a.status == 400 and a.path in late) for a in confirms + accepted):
        problems.append("a confirmation or an acceptance was not taken")
    if by_status["confirmed"] != registrations.count() - by_status["cancelled"]:
        problems.append("a registration is neither confirmed nor cancelled")
    reg_rate, conf_rate = len(registered) / r_elapsed, len(confirms) / m_elapsed
    p95 = max(_p([a.seconds for a in registered], 95), _p([a.seconds for a in confirms], 95)) / 1000
    goals = reg_rate >= GOAL_RATE and conf_rate >= GOAL_RATE and p95 <= GOAL_P95
    print(
        f"goals (≥ {GOAL_RATE:.0f}/s both, p95 ≤ {GOAL_P95} s): {reg_rate:.1f} registrations/s, "
        f"{conf_rate:.1f} confirmations/s, worst p95 {p95:.2f} s — {'met' if goals else 'NOT met'}"
    )
    from post_office.models import Email

    from solidaire.core.email.services import outbox_flush

    queued = Email.objects.filter(status=2).count()  # post_office's QUEUED
    start = time.perf_counter()
    sent, failed, _requeued = outbox_flush()
    print(
        f"outbox (the worker's share, sent afterwards in this process): {queued} e-mails queued, "
        f"{sent} sent in {time.perf_counter() - start:.1f} s, {failed} failed"
    )
    if failed:
        problems.append(f"{failed} e-mails failed")
    print("\nwhere a registration's and a confirmation's time go (cProfile, cumulative):")
    print(_profile(edition, day, workshop))
    print(
        "RESULT:",
        "FAILED — " + "; ".join(problems) if problems else "OK — exactly 100 places, nobody lost, no 5xx",
    )
    if problems:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
