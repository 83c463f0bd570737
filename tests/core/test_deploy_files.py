"""The production files hold together: compose validates, every service is there."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _compose_command() -> list[str] | None:
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True)
        if probe.returncode == 0:
            return ["docker", "compose"]
    return None


def test_compose_file_validates_and_has_the_five_services(tmp_path):
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
    assert set(result.stdout.split()) == {"web", "worker", "beat", "db", "redis"}


def test_env_example_documents_every_production_variable():
    documented = {
        line.split("=", 1)[0].lstrip("# ").strip()
        for line in (ROOT / ".env.example").read_text().splitlines()
        if "=" in line
    }
    assert {
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "REDIS_URL",
        "EMAIL_HOST",
        "EMAIL_HOST_USER",
        "EMAIL_HOST_PASSWORD",
        "DEFAULT_FROM_EMAIL",
        "MEDIA_ROOT",
    } <= documented
