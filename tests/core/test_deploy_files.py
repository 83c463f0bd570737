"""The production files hold together: compose validates and has the services the README
describes, migrations run once before web/worker/beat, the proxy serves /media/ read-only and
caps bodies, and the web healthcheck's own command succeeds against gunicorn started with the
production settings."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from tests.core.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
SERVICES = {"migrate", "web", "worker", "beat", "proxy", "db", "broker", "cache"}


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _compose_command() -> list[str] | None:
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True)
        if probe.returncode == 0:
            return ["docker", "compose"]
    return None


def test_compose_file_validates_and_has_every_service():
    command = _compose_command()
    if command is None:
        pytest.skip("neither `docker compose` nor `docker-compose` is installed")
    env_file = ROOT / ".env"
    created = not env_file.exists()
    if created:
        shutil.copy(ROOT / ".env.example", env_file)
    try:
        result = subprocess.run(
            [*command, "config", "--services"], cwd=ROOT, capture_output=True, text=True, timeout=60
        )
    finally:
        if created:
            env_file.unlink()
    assert result.returncode == 0, result.stderr
    assert set(result.stdout.split()) == SERVICES


def test_migrations_run_once_before_web_worker_and_beat():
    services = _compose()["services"]
    assert set(services) == SERVICES | {"backup"}
    migrate = services["migrate"]
    assert "migrate" in migrate["command"] and migrate["restart"] == "no"
    for name in ("web", "worker", "beat"):
        service = services[name]
        assert service["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}, name
        assert "migrate" not in service["command"], name
        assert service["environment"]["DJANGO_SETTINGS_MODULE"] == "solidaire.settings.prod"


def test_web_can_be_scaled_behind_the_proxy():
    services = _compose()["services"]
    web = services["web"]
    assert "ports" not in web  # a published port would stop `--scale web=3`
    assert "container_name" not in web
    assert {v.split(":")[1] for v in web["volumes"]} == {"/app/media", "/app/private"}  # shared volumes
    proxy = services["proxy"]
    assert proxy["depends_on"]["web"] == {"condition": "service_healthy"}
    assert "media:/srv/media:ro" in proxy["volumes"]
    assert not any(v.startswith("private:") for v in proxy["volumes"])


def test_the_proxy_serves_media_read_only_caps_bodies_and_forwards_headers():
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    cap = re.search(r"client_max_body_size (\d+)m;", conf)
    assert cap and int(cap.group(1)) * 1024 * 1024 == settings.REQUEST_MAX_BODY_SIZE
    assert re.search(r"location /media/ \{\s*alias /srv/media/;", conf)
    assert "limit_except GET HEAD { deny all; }" in conf
    for header in ("X-Forwarded-For $proxy_add_x_forwarded_for", "X-Forwarded-Proto", "Host $host"):
        assert f"proxy_set_header {header}" in conf
    assert "X-Request-ID" in conf


def test_two_redis_roles_a_persistent_broker_and_an_evicting_cache():
    services = _compose()["services"]
    broker, cache = services["broker"]["command"], services["cache"]["command"]
    assert "--appendonly yes" in broker and "--maxmemory-policy noeviction" in broker
    assert "--maxmemory-policy allkeys-lru" in cache and "--maxmemory" in cache
    env = services["web"]["environment"]
    assert env["REDIS_URL"].startswith("redis://broker:") and env["REDIS_CACHE_URL"].startswith(
        "redis://cache:"
    )


def test_the_backup_service_saves_the_database_and_both_media_volumes():
    backup = _compose()["services"]["backup"]
    assert backup["profiles"] == ["backup"]  # run on demand, never by `up`
    script = " ".join(backup["command"])
    assert "pg_dump" in script and "media private" in script
    assert {"media:/data/media:ro", "private:/data/private:ro"} <= set(backup["volumes"])


def _healthcheck_command() -> list[str]:
    test = _compose()["services"]["web"]["healthcheck"]["test"]
    assert test[0] == "CMD"
    return [sys.executable if part == "python" else part for part in test[1:]]


@pytest.fixture
def prod_gunicorn(tmp_path, throwaway_redis):
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "DATABASE", "REDIS"))},
        "DJANGO_SETTINGS_MODULE": "solidaire.settings.prod",
        "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijkl",
        "ALLOWED_HOSTS": "solidaire.lemans.fr,www.solidaire.lemans.fr",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        "REDIS_URL": throwaway_redis.url,
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "solidaire.wsgi:application", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", "1", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)  # noqa: S310
        except urllib.error.HTTPError:
            break  # it answers (400: host not allowed)
        except OSError:
            if server.poll() is not None:
                pytest.fail(server.stderr.read().decode())
            time.sleep(0.2)
    yield port, env, throwaway_redis
    server.terminate()
    server.wait(timeout=10)


def test_the_healthcheck_command_passes_against_gunicorn_with_production_settings(prod_gunicorn):
    port, env, redis_server = prod_gunicorn
    url = f"http://127.0.0.1:{port}/healthz"
    # What the old healthcheck did: no allowed Host header, so Django refuses it.
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(url, timeout=5)  # noqa: S310
    assert refused.value.code == 400

    check_env = {**env, "HEALTHCHECK_URL": url}
    result = subprocess.run(_healthcheck_command(), cwd=ROOT, env=check_env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr

    # No SSL redirect for it even without the proxy's header, and HEAD answers like GET.
    plain = urllib.request.Request(url, headers={"Host": "solidaire.lemans.fr"})
    with urllib.request.urlopen(plain, timeout=5) as response:  # noqa: S310
        assert json.loads(response.read()) == {"status": "ok", "database": "ok", "broker": "ok"}
    head = urllib.request.Request(url, method="HEAD", headers={"Host": "solidaire.lemans.fr"})
    with urllib.request.urlopen(head, timeout=5) as response:  # noqa: S310
        assert response.status == 200

    # The broker down: the container is reported unhealthy, with the reason.
    redis_server.stop()
    result = subprocess.run(_healthcheck_command(), cwd=ROOT, env=check_env, capture_output=True, text=True)
    assert result.returncode == 1
    assert "503" in result.stderr and '"broker": "error"' in result.stderr
