"""The embedded default as `make run` sets it up: the environment is read from the Makefile's
RUN_ENV line, so these tests follow what a newcomer really gets."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from celery import Celery

from tests.core.worker import database_url_for_worker

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)

# What a child process does with the dev settings: fetch pages through the whole middleware stack.
FETCH = """
import json, sys
import django
django.setup()
from django.conf import settings
from django.test import Client
from django.urls import clear_url_caches, path
import solidaire.dev_urls

def broken_view(request):
    raise RuntimeError("a bug, for the test")

# A page with a bug, to see what a visitor gets for an error.
solidaire.dev_urls.urlpatterns.append(path("erreur-de-test/", broken_view))
clear_url_caches()
client = Client(raise_request_exception=False)
out = {"DEBUG": settings.DEBUG, "eager": settings.CELERY_TASK_ALWAYS_EAGER,
       "broker": settings.CELERY_BROKER_URL}
for url in sys.argv[1:]:
    response = client.get(url, HTTP_HOST=sys.stdin.readline().strip() or "127.0.0.1")
    body = b"".join(response) if response.streaming else response.content
    out[url] = [response.status_code, body.decode("utf-8", "replace")]
print(json.dumps(out))
"""


def make_run_env(*, host: str = "127.0.0.1", port: str = "8000", debug: str = "") -> dict[str, str]:
    """The variables the Makefile's `run` target gives the server and the worker."""
    line = re.search(r"^RUN_ENV = (.+)$", (ROOT / "Makefile").read_text(), re.MULTILINE).group(1)
    line = line.replace("$(HOST)", host).replace("$(PORT)", port).replace("$(DEBUG)", debug)
    return dict(item.split("=", 1) for item in line.split())


def run_env(tmp_path, **kwargs) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "ALLOWED_HOSTS", "REDIS_URL"}}
    return {
        **env,
        **make_run_env(**kwargs),
        "DJANGO_SETTINGS_MODULE": "solidaire.settings.dev",
        "DATABASE_URL": database_url_for_worker(),
        "CELERY_QUEUE_DIR": str(tmp_path / "celery"),
    }


def fetch(tmp_path, *urls: str, host: str = "127.0.0.1", http_host: str = "", **kwargs) -> dict:
    """GET each URL in a child process under the make-run settings (HOST=host), with the request's
    Host header http_host (default: host)."""
    result = subprocess.run(
        [sys.executable, "-c", FETCH, *urls],
        cwd=ROOT,
        env=run_env(tmp_path, host=host, **kwargs),
        input=(http_host or host) + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_unknown_urls_and_errors_show_the_french_pages_and_static_files_are_served(tmp_path):
    seen = fetch(tmp_path, "/cette-page-n-existe-pas/", "/static/css/portal.css", "/erreur-de-test/")
    assert seen["DEBUG"] is False
    # Tasks go to the worker, not run inside the request (test_a_real_worker_runs_…).
    assert seen["eager"] is False
    assert seen["broker"] == "filesystem://"
    status, body = seen["/cette-page-n-existe-pas/"]
    assert status == 404
    assert "<h1>Page introuvable</h1>" in body
    assert "Retour à l'accueil" in body
    assert "Using the URLconf" not in body  # not Django's technical page
    status, body = seen["/erreur-de-test/"]
    assert status == 500
    assert "<h1>Une erreur est survenue</h1>" in body  # the portal's page, not a traceback
    assert "RuntimeError" not in body
    status, body = seen["/static/css/portal.css"]
    assert status == 200  # WhiteNoise, without collectstatic
    assert "{" in body


def test_debug_1_brings_the_technical_pages_back(tmp_path):
    seen = fetch(tmp_path, "/cette-page-n-existe-pas/", "/erreur-de-test/", debug="1")
    assert seen["DEBUG"] is True
    status, body = seen["/cette-page-n-existe-pas/"]
    assert status == 404
    assert "Using the URLconf" in body
    status, body = seen["/erreur-de-test/"]
    assert status == 500
    assert "RuntimeError" in body and "a bug, for the test" in body  # the traceback page


def test_every_interface_accepts_the_host_it_is_reached_by(tmp_path):
    url = "/cette-page-n-existe-pas/"
    # `make run HOST=0.0.0.0`: reached from the network by the machine's address.
    assert fetch(tmp_path, url, host="0.0.0.0", http_host="192.168.1.20:8101")[url][0] == 404  # noqa: S104
    # `make run HOST=192.168.1.20`: that address is accepted, as 127.0.0.1 and localhost are.
    assert fetch(tmp_path, url, host="192.168.1.20", http_host="192.168.1.20:8101")[url][0] == 404
    # The default (127.0.0.1): another name is refused (400), as in production.
    assert fetch(tmp_path, url, http_host="solidaire.example.org")[url][0] == 400


def test_a_real_worker_runs_the_tasks_without_a_broker_server(tmp_path):
    """The worker `make run` starts takes tasks from var/celery/ (kombu's filesystem transport)
    and writes results there; the web side does not run them itself."""
    env = run_env(tmp_path)
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "solidaire", "worker", "--concurrency=1", "--pool=solo"]
        + ["--loglevel=WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    queue_dir = tmp_path / "celery"
    # The worker's settings create these at start-up; the client below may be quicker.
    for folder in ("queue", "control", "results"):
        (queue_dir / folder).mkdir(parents=True, exist_ok=True)
    client = Celery("make-run-client", set_as_current=False)
    client.conf.update(
        broker_url="filesystem://",
        broker_transport_options={
            "data_folder_in": str(queue_dir / "queue"),
            "data_folder_out": str(queue_dir / "queue"),
            "control_folder": str(queue_dir / "control"),
        },
        result_backend=f"file://{queue_dir / 'results'}",
    )
    try:
        token = uuid.uuid4().hex
        result = client.send_task("portal.tasks.portal_health", args=[token])
        assert result.get(timeout=90) == {"token": token, "associations": 0}
    finally:
        worker.terminate()
        output, _ = worker.communicate(timeout=30)
    assert "Traceback" not in output, output
