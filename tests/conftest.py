"""Shared fixtures. Services that CI must have (Redis, chromium) fail under CI=true, skip elsewhere."""

from __future__ import annotations

import os

import pytest
from django.core.cache import cache

from tests import factories

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_service(available: bool, reason: str) -> None:
    """Skip a test that needs a missing service, except under CI where that is a failure."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def pdf_tools():
    """For tests that render PDFs and read them back: WeasyPrint (pango from the system) and
    poppler's pdftotext, skipped with the reason where missing (a failure under CI)."""
    import shutil

    try:
        import weasyprint  # noqa: F401 - needs pango from the system
    except (ImportError, OSError):
        require_service(False, "WeasyPrint cannot load pango (apt-get install libpango-1.0-0)")
    require_service(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) missing")


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """Under pytest-xdist, one migration per run and a clone per worker (tests/database.py);
    otherwise (or with --reuse-db) pytest-django's own set-up, which this replaces."""
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _get_databases_for_setup

    from tests.database import setup_cloned_databases, teardown_cloned_databases

    aliases, serialized = _get_databases_for_setup(request.session.items)
    workerinput = getattr(request.config, "workerinput", None)
    keepdb = django_db_keepdb and not django_db_createdb
    if workerinput is None or keepdb or serialized:
        with django_db_blocker.unblock():
            config = setup_databases(
                verbosity=0, interactive=False, aliases=aliases, serialized_aliases=serialized, keepdb=keepdb
            )
        yield
        if not django_db_keepdb:
            with django_db_blocker.unblock():
                teardown_databases(config, verbosity=0)
        return

    run, worker = workerinput["testrunuid"][:12], workerinput["workerid"]
    with django_db_blocker.unblock():
        created = setup_cloned_databases(aliases, run=run, worker=worker)
    yield
    with django_db_blocker.unblock():
        teardown_cloned_databases(created, run=run, worker=worker)


@pytest.fixture(autouse=True, scope="session")
def _test_now():
    """`TEST_NOW="2026-12-31 23:45"` runs the whole suite as if started then (Paris time; the
    clock keeps ticking): the way to prove that no test depends on the hour or the date."""
    when = os.environ.get("TEST_NOW")
    if not when:
        yield
        return
    import datetime as dt
    import zoneinfo

    import time_machine

    start = dt.datetime.fromisoformat(when)
    if start.tzinfo is None:
        start = start.replace(tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))
    with time_machine.travel(start, tick=True):
        yield


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def user(db):
    return factories.UserFactory()


@pytest.fixture
def staff_user(db):
    return factories.StaffUserFactory()


@pytest.fixture
def association(db):
    return factories.AssociationFactory()


@pytest.fixture
def member_of(db):
    """member_of(association, role="member") -> a user with an approved membership."""

    def make(association, role="member"):
        membership = factories.MembershipFactory(association=association, role=role, status="approved")
        return membership.user

    return make


@pytest.fixture
def note_renderer():
    """A staff-only document kind (`tests.note`) registered for the test."""
    from tests.core.documents.renderers import install

    return install()


@pytest.fixture(autouse=True)
def _celery_join_flag():
    """Eager tasks run under Celery's process-wide `denied_join_result()`, which saves and
    restores a global flag: threads running eager tasks at once (the congress concurrency test)
    can leave it set, and a later `result.get()` in the real-worker tests would then refuse to
    wait. Each test starts from Celery's default."""
    from celery._state import _set_task_join_will_block

    _set_task_join_will_block(False)
    yield
