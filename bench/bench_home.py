"""The home page against the trivial /healthz view, under wrk with gunicorn (2 workers)."""

from __future__ import annotations

from bench import harness


def main() -> None:
    db_url = harness.setup_django()
    from django.core.management import call_command

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    harness.heading(f"Home page vs /healthz (gunicorn 2 workers, wrk 8 connections, {db_url.split(':')[0]})")
    with harness.served(workers=2) as base:
        harness.load(base + "/", seconds=2)  # warm-up: caches, connections
        health = harness.load(base + "/healthz", seconds=10)
        home = harness.load(base + "/", seconds=10)
    print(health.line("/healthz"))
    print(home.line("/ (home)"))
    print(f"home/healthz throughput ratio: {home.rps / health.rps:.2f}")


if __name__ == "__main__":
    main()
