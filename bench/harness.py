"""What every benchmark needs: a database, the portal served by gunicorn, a real load generator.

Database: PostgreSQL `solidaire_bench` on 127.0.0.1 when it answers (BENCH_DATABASE_URL overrides),
otherwise a SQLite file under var/. Load: wrk on loopback (apt-get install wrk).
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = "solidaire.settings.bench"
PG_DEFAULT = "postgres://postgres@127.0.0.1:5432/solidaire_bench"


def _postgres_available(url: str) -> bool:
    try:
        import psycopg

        admin = url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, connect_timeout=3, autocommit=True) as conn:
            name = url.rsplit("/", 1)[1]
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
        return True
    except Exception:
        return False


def database_url() -> str:
    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        if url.startswith("postgres"):
            _postgres_available(url)  # creates the database, as for the default one
        return url
    if _postgres_available(PG_DEFAULT):
        return PG_DEFAULT
    (ROOT / "var").mkdir(exist_ok=True)
    return f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}"


def bench_env() -> dict[str, str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS, "DATABASE_URL": database_url()}
    env.pop("REDIS_URL", None)
    return env


def setup_django() -> str:
    """Configure Django in this process against the bench database and migrate it.
    Returns the database URL."""
    env = bench_env()
    os.environ["DJANGO_SETTINGS_MODULE"] = env["DJANGO_SETTINGS_MODULE"]
    os.environ["DATABASE_URL"] = env["DATABASE_URL"]
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return env["DATABASE_URL"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def served(*, workers: int = 2) -> Iterator[str]:
    """The portal under gunicorn on a free loopback port; yields its base URL."""
    with served_process(workers=workers) as (base, _process):
        yield base


def server_cpu_ms(process: subprocess.Popen) -> float:
    """CPU time (user + system, ms) used so far by a gunicorn master and its live workers,
    read from /proc (Linux): the difference over a phase is what the server spent on it."""
    tick = os.sysconf("SC_CLK_TCK")
    pids = [process.pid]
    with contextlib.suppress(OSError):
        pids += [int(p) for p in Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()]
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total * 1000 / tick


def _cpu_ms_of(pids: list[int]) -> float:
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total * 1000 / tick


class PostgresCpu:
    """CPU time (ms) used by the PostgreSQL backends connected to the bench's database, sampled
    from pg_stat_activity and /proc twice a second (a server on this machine only): a backend
    that ends during a phase (CONN_MAX_AGE recycles a worker's connection) still counts up to
    its last sample. Backends of other databases (other test runs on the same server) are not
    counted. `available` is False for SQLite or a server elsewhere."""

    def __init__(self, db_url: str) -> None:
        self.available = db_url.startswith("postgres") and ("127.0.0.1" in db_url or "localhost" in db_url)
        self._name = db_url.rsplit("/", 1)[1]
        self._admin = db_url.rsplit("/", 1)[0] + "/postgres"
        self._seen: dict[int, float] = {}  # pid -> CPU ms at its last sample
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample_forever, daemon=True)

    def __enter__(self) -> PostgresCpu:
        if self.available:
            import psycopg

            self._conn = psycopg.connect(self._admin, connect_timeout=3, autocommit=True)
            self._sample()
            self.available = bool(self._seen) and Path(f"/proc/{next(iter(self._seen))}/stat").exists()
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._thread.is_alive():
            self._stop.set()
            self._thread.join()
            self._conn.close()

    def _sample(self) -> None:
        rows = self._conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [self._name])
        for (pid,) in rows.fetchall():
            ms = _cpu_ms_of([pid])
            if ms or pid not in self._seen:
                self._seen[pid] = ms

    def _sample_forever(self) -> None:
        while not self._stop.wait(0.5):
            self._sample()

    def ms(self) -> float | None:
        """The total so far (a difference over a phase is what PostgreSQL spent on it)."""
        if not self.available:
            return None
        self._sample()
        return sum(self._seen.values())


@contextlib.contextmanager
def served_process(*, workers: int = 2) -> Iterator[tuple[str, subprocess.Popen]]:
    """As `served`, and the gunicorn master's process (for its CPU time)."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "solidaire.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=bench_env(),
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        yield base, process
    finally:
        process.terminate()
        process.wait(timeout=20)


@dataclass
class LoadResult:
    url: str
    requests: int
    rps: float
    p50_ms: float
    p95_ms: float
    errors: int

    def line(self, label: str) -> str:
        return (
            f"{label:<34} {self.rps:9.1f} req/s   p50 {self.p50_ms:7.1f} ms   "
            f"p95 {self.p95_ms:7.1f} ms   ({self.requests} requests, {self.errors} errors)"
        )


WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
               + summary.errors.status + summary.errors.timeout
  io.write(string.format('{"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "errors": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), errors))
end
"""


UNIQUE_QUERY_SCRIPT = """
local counter = 0
request = function()
  counter = counter + 1
  local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. sep .. "_bench=" .. counter .. "-" .. math.random(1e9))
end
"""


def load(
    url: str, *, seconds: int = 10, connections: int = 8, threads: int = 2, unique_query: bool = False
) -> LoadResult:
    """Drive `url` with wrk for `seconds`; non-2xx/3xx answers count as errors.
    `unique_query` appends a different dummy parameter to every request, so a page cached by
    query string is measured on its cache-miss path."""
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write((UNIQUE_QUERY_SCRIPT if unique_query else "") + WRK_SCRIPT)
    try:
        out = subprocess.run(
            ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "-s", script.name, url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(script.name)
    data = json.loads(out.strip().splitlines()[-1])
    return LoadResult(
        url=url,
        requests=data["requests"],
        rps=data["requests"] / (data["duration_us"] / 1e6),
        p50_ms=data["p50_us"] / 1000,
        p95_ms=data["p95_us"] / 1000,
        errors=data["errors"],
    )


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_rss_mb_of_request(url: str) -> tuple[float, float, int]:
    """Fetch `url` in a fresh child process that streams it to /dev/null.
    Returns (seconds, the child's peak RSS in MiB, bytes). Measures the client side only."""
    code = (
        "import resource, sys, time, urllib.request\n"
        "t = time.monotonic(); n = 0\n"
        "with urllib.request.urlopen(sys.argv[1], timeout=120) as r:\n"
        "    while chunk := r.read(65536): n += len(chunk)\n"
        "print(time.monotonic() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, n)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, url], capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), float(out[1]), int(out[2])


def heading(title: str) -> None:
    print(f"\n=== {title} ===", flush=True)
