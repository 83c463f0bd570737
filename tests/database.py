"""One migrated test database per run, cloned for each pytest-xdist worker.

Migrating costs 11-18 s of CPU (74 migrations); with one migration per worker the two workers of
CI's two cores spent about 30 s each doing it side by side. Here the first worker migrates a
template database and every worker (the first included) clones it: PostgreSQL's `CREATE DATABASE
… TEMPLATE`, a file copy for SQLite — Django's own parallel test runner does the same. Workers
take turns under a file lock (`fcntl`), because PostgreSQL refuses to copy a template that a
connection is using. The last worker out drops the template.
"""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.db import connections

VAR = Path(settings.BASE_DIR) / "var"


@contextlib.contextmanager
def _turn(run: str) -> Iterator[None]:
    VAR.mkdir(exist_ok=True)
    with open(VAR / f"testdb-{run}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _template_test_name(connection, run: str, worker: str) -> str:
    """The run's shared name: the worker's test name without pytest-django's `_gwN` suffix
    (SQLite's test name holds the process id, so it gets one of its own)."""
    if connection.vendor == "sqlite":
        return str(VAR / f"test-{run}.sqlite3")
    return connection.settings_dict["TEST"]["NAME"].removesuffix(f"_{worker}")


def _point_at(connection, alias: str, name: str) -> None:
    connection.close()
    connection.settings_dict["NAME"] = name
    settings.DATABASES[alias]["NAME"] = name


def setup_cloned_databases(aliases, *, run: str, worker: str) -> list[tuple[str, str, str]]:
    """Create (once per run) the migrated template and give this worker its clone; returns what
    `teardown_cloned_databases` needs."""
    created = []
    with _turn(run):
        for alias in sorted(aliases):
            connection = connections[alias]
            template = _template_test_name(connection, run, worker)
            ready = VAR / f"testdb-{run}-{alias}.ready"
            if not ready.exists():
                connection.settings_dict["TEST"]["NAME"] = template
                connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
                ready.write_text(connection.settings_dict["NAME"])
            _point_at(connection, alias, ready.read_text())
            connection.creation.clone_test_db(suffix=worker, verbosity=0, autoclobber=True)
            clone = connection.creation.get_test_db_clone_settings(worker)["NAME"]
            _point_at(connection, alias, clone)
            (VAR / f"testdb-{run}-{alias}.{worker}").touch()
            created.append((alias, ready.read_text(), clone))
    return created


def teardown_cloned_databases(created, *, run: str, worker: str) -> None:
    with _turn(run):
        for alias, template, clone in created:
            connection = connections[alias]
            connection.close()
            connection.creation._destroy_test_db(clone, verbosity=0)
            (VAR / f"testdb-{run}-{alias}.{worker}").unlink(missing_ok=True)
            if not list(VAR.glob(f"testdb-{run}-{alias}.gw*")):
                connection.creation._destroy_test_db(template, verbosity=0)
                (VAR / f"testdb-{run}-{alias}.ready").unlink(missing_ok=True)
                # The last one out: nobody else waits on the lock any more.
                (VAR / f"testdb-{run}.lock").unlink(missing_ok=True)
