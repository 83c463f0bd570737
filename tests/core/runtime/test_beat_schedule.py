"""Every entry of the beat schedule names a task that a worker registers.

Checked in a fresh interpreter set up as `celery -A solidaire worker` sets itself up (Django's
apps ready, Celery's autodiscovery of `<app>.tasks`): in the test process, a test module that
imports a tasks module registers it and would hide a module that only the tests import.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]

WORKER_TASKS = """
import json
import django
from solidaire.celery import app
django.setup()
app.loader.import_default_modules()  # what the worker does on start
print(json.dumps(sorted(app.tasks)))
"""


def test_every_beat_entry_names_a_task_the_worker_registers():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "solidaire.settings.test"}
    done = subprocess.run(
        [sys.executable, "-c", WORKER_TASKS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    registered = set(json.loads(done.stdout.splitlines()[-1]))
    assert "associations.tasks.refresh_opening_slots" in registered  # the check itself works
    unregistered = {
        name: entry["task"]
        for name, entry in settings.CELERY_BEAT_SCHEDULE.items()
        if entry["task"] not in registered
    }
    assert unregistered == {}
