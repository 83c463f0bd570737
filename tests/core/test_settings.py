"""Settings: env reading fails loudly and clearly; production settings pass check --deploy."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from solidaire.settings import env

ROOT = Path(__file__).resolve().parents[2]
PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "solidaire.settings.prod",
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijkl",
    "ALLOWED_HOSTS": "solidaire.lemans.fr",
    "DATABASE_URL": "sqlite:////tmp/solidaire-check.sqlite3",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def _manage(*args, env_vars):
    base = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DJANGO_SETTINGS_MODULE",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DATABASE_URL",
            "REDIS_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env_vars},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env_vars=PROD_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    env_vars = {k: v for k, v in PROD_ENV.items() if k != "SECRET_KEY"}
    result = _manage("check", env_vars=env_vars)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_a_broker():
    """Without REDIS_URL tasks would run inside requests (and a failed send become a 500)."""
    env_vars = {k: v for k, v in PROD_ENV.items() if k != "REDIS_URL"}
    result = _manage("check", env_vars=env_vars)
    assert result.returncode != 0
    assert "REDIS_URL" in result.stderr


def test_production_logs_json_lines_with_the_request_id():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, logging; django.setup(); logging.getLogger('solidaire.test').warning('hello')",
        ],
        cwd=ROOT,
        env={**{k: v for k, v in os.environ.items() if k not in PROD_ENV}, **PROD_ENV},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    hello = next(line for line in lines if line["message"] == "hello")
    assert hello["level"] == "WARNING" and hello["logger"] == "solidaire.test"
    assert hello["request_id"] == "-"  # outside a request


@pytest.mark.filterwarnings("ignore:Engine not recognized")
def test_malformed_database_url_names_the_variable(monkeypatch):
    monkeypatch.setenv("BROKEN_DB", "notaurl")
    with pytest.raises(ImproperlyConfigured, match="BROKEN_DB"):
        env.db("BROKEN_DB")


def test_malformed_boolean_names_the_variable(monkeypatch):
    monkeypatch.setenv("DEBUG_X", "peut-etre")
    with pytest.raises(ImproperlyConfigured, match="DEBUG_X"):
        env.bool_("DEBUG_X", False)


def test_malformed_integer_names_the_variable(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT_X", "vingt-cinq")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT_X"):
        env.int_("EMAIL_PORT_X", 25)


def test_redis_url_must_be_a_url(monkeypatch):
    monkeypatch.setenv("REDIS_URL_X", "localhost")
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL_X"):
        env.url("REDIS_URL_X", "")
