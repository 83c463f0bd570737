"""Issue #9's fault figures, on the demo data (in-process test client, eager tasks):

- admin door: 30 wrong passwords for the demo staff account on /gestion/login/, then the right
  one (goal: refused, no 5xx);
- SMTP down: N bénévolat forms posted while nothing listens on the SMTP port, then a local SMTP
  server comes up and the outbox is flushed (goal: 0 5xx, 0 e-mails lost);
- concurrent saves of one indicator sheet, two at a time, ROUNDS rounds (goal: one 302 and one
  400 « modifiée entre-temps » per round, 0 5xx);
- Redis (the cache) down while pages are served: requests, 5xx, median latency (goal: 0 5xx).

Run: `python -m bench.bench_faults` (or `make bench BENCH=faults`). Database: a fresh SQLite file
under var/ (the default set-up, where concurrent writes used to fail); BENCH_DATABASE_URL overrides.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import threading
import time
from datetime import timedelta
from io import StringIO

from bench import harness

N_FORMS = 30
ROUNDS = 20
PAGES = ["/", "/annuaire/", "/benevolat/", "/charte/", "/evenements/", "/congres/"]
HOST = {"HTTP_HOST": "127.0.0.1"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database() -> None:
    if "BENCH_DATABASE_URL" not in os.environ:
        path = harness.ROOT / "var" / "bench_faults.sqlite3"
        path.parent.mkdir(exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        os.environ["BENCH_DATABASE_URL"] = f"sqlite:///{path}"


def admin_door() -> None:
    from django.test import Client

    from solidaire.core.demo import DEMO_PASSWORD, DEMO_STAFF_EMAIL

    client = Client(**HOST)
    statuses = [
        client.post("/gestion/login/", {"username": DEMO_STAFF_EMAIL, "password": f"faux-{i}"}).status_code
        for i in range(30)
    ]
    client.post("/gestion/login/", {"username": DEMO_STAFF_EMAIL, "password": DEMO_PASSWORD})
    logged_in = "_auth_user_id" in client.session
    print(
        f"admin login: 30 wrong passwords -> {statuses.count(200)}×200, "
        f"{sum(s >= 500 for s in statuses)}×5xx; "
        f"right password afterwards logged in: {logged_in} (goal: False)"
    )


def smtp_down() -> None:
    from aiosmtpd.controller import Controller
    from django.conf import settings
    from django.test import Client
    from django.utils import timezone
    from post_office.models import STATUS, Email

    from associations.volunteering.models import VolunteerMission
    from solidaire.core.email.tasks import flush_outbox

    port = _free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    Email.objects.all().delete()
    missions = list(VolunteerMission.objects.all()[:N_FORMS])
    statuses = []
    started = time.monotonic()
    for i in range(N_FORMS):
        mission = missions[i % len(missions)]
        data = {"name": f"Bénévole {i}", "email": f"benevole{i}@example.org", "message": "Disponible."}
        data.update({"consent": "on", "site_web": ""})
        response = Client(**HOST, REMOTE_ADDR=f"10.9.{i // 250}.{i % 250 + 1}").post(
            mission.get_absolute_url(), data
        )
        statuses.append(response.status_code)
    elapsed = time.monotonic() - started
    waiting = Email.objects.filter(status__in=[STATUS.queued, STATUS.requeued]).count()

    received = []

    class Inbox:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802
            received.append(envelope)
            return "250 OK"

    controller = Controller(Inbox(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        Email.objects.update(scheduled_time=timezone.now() - timedelta(seconds=1))  # the retry is due
        flush_outbox()
    finally:
        controller.stop()
    sent = Email.objects.filter(status=STATUS.sent).count()
    print(
        f"SMTP down: {N_FORMS} forms posted in {elapsed:.1f} s -> {statuses.count(302)}×302, "
        f"{sum(s >= 500 for s in statuses)}×5xx; e-mails waiting in the outbox: {waiting}"
    )
    print(
        f"SMTP back: {sent} sent, {len(received)} received by the server; "
        f"lost: {waiting - len(received)} (goal: 0)"
    )
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def concurrent_saves() -> None:
    from django.db import connections
    from django.test import Client

    from associations.structures.models import Membership
    from indicators.catalogue.models import Campaign
    from indicators.sheets.models import Sheet
    from indicators.sheets.services import sheet_get_or_create

    campaign = Campaign.objects.order_by("-year").first()
    membership = Membership.objects.filter(role="admin", status="approved").select_related("user").first()
    association, user = membership.association, membership.user
    sheet = sheet_get_or_create(association=association, campaign=campaign)
    url = f"/indicateurs/structure/{association.slug}/{campaign.year}/"
    probe = Client(**HOST)
    probe.force_login(user)
    form = probe.get(url).context["form"]
    numeric = [name for name in form.fields if name.startswith("i_")]
    counts = {"302": 0, "400 modifiée entre-temps": 0, "400 other": 0, "5xx": 0}
    lock = threading.Lock()

    def person(value: int, version: int, barrier: threading.Barrier) -> None:
        client = Client(**HOST)
        client.force_login(user)
        data = dict.fromkeys(numeric, "") | {"version": version, "action": "save", numeric[0]: str(value)}
        barrier.wait()
        try:
            response = client.post(url, data)
            page = response.content.decode()
            key = (
                "302"
                if response.status_code == 302
                else "400 modifiée entre-temps"
                if response.status_code == 400 and "modifiée entre-temps" in page
                else "5xx"
                if response.status_code >= 500
                else "400 other"
            )
        except Exception:
            key = "5xx"
        finally:
            connections.close_all()
        with lock:
            counts[key] += 1

    for round_ in range(ROUNDS):
        version = Sheet.objects.get(pk=sheet.pk).version
        barrier = threading.Barrier(2)
        threads = [
            threading.Thread(target=person, args=(10 + round_ * 2 + i, version, barrier)) for i in (0, 1)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    print(
        f"concurrent sheet saves: {ROUNDS} rounds × 2 -> " + ", ".join(f"{k}: {v}" for k, v in counts.items())
    )


def redis_down() -> None:
    if not shutil.which("redis-server"):
        print("Redis down: skipped (no redis-server)")
        return
    import redis
    from django.core.cache import caches
    from django.test import Client
    from django.test.utils import override_settings

    from solidaire.settings.base import redis_cache

    port = _free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            redis.Redis(port=port).ping()
            break
        except redis.exceptions.ConnectionError:
            time.sleep(0.05)
    switch = override_settings(CACHES={"default": redis_cache(f"redis://127.0.0.1:{port}/0")})
    switch.enable()
    cache_backend = type(caches["default"]).__name__
    client = Client(**HOST)
    up = [client.get(url).status_code for url in PAGES * 5]
    server.terminate()
    server.wait(timeout=10)
    latencies, statuses = [], []
    for url in PAGES * 20:
        started = time.monotonic()
        statuses.append(client.get(url).status_code)
        latencies.append((time.monotonic() - started) * 1000)
    switch.disable()
    print(
        f"Redis ({cache_backend}) up: {len(up)} requests, {sum(s >= 500 for s in up)}×5xx; "
        f"down: {len(statuses)} requests, {sum(s >= 500 for s in statuses)}×5xx (goal: 0), "
        f"median {statistics.median(latencies):.0f} ms"
    )


def main() -> None:
    _database()
    url = harness.setup_django()
    harness.heading(f"Faults of issue #9 ({url.split(':')[0]}, in-process client, eager tasks)")
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client then sees each response's form
    call_command("load_demo", stdout=StringIO())
    admin_door()
    smtp_down()
    concurrent_saves()
    redis_down()


if __name__ == "__main__":
    main()
