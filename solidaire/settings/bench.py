"""Benchmarks: production-like (DEBUG off, real templates cache) but plain HTTP on loopback."""

from . import env
from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "bench-only-secret-key-not-for-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
REDIS_URL = env.url("REDIS_URL", "")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"null": {"class": "logging.NullHandler"}},
    "root": {"handlers": [], "level": "WARNING"},
    # A handler of its own, else post_office installs a chatty one.
    "loggers": {"post_office": {"handlers": ["null"], "propagate": False}},
}

# A load test sends hundreds of attempts a second through one loopback address: the congress
# bench sets BENCH_RATE_LIMITS=off so that it measures the door, not the limiter (whatever the
# scopes are, their windows stay and their limits become out of reach).
if env.str_("BENCH_RATE_LIMITS", "on") == "off":
    RATE_LIMITS = {scope: (10**9, window) for scope, (_limit, window) in RATE_LIMITS.items()}  # noqa: F405

# The e-mails of a request are sent by the worker, not by the web process: with BENCH_OUTBOX=worker
# the outbox's flush task is only published (in memory, as to a broker) and the bench sends the
# outbox itself afterwards, so the door's figures do not include the worker's SMTP work.
if env.str_("BENCH_OUTBOX", "eager") == "worker":
    CELERY_TASK_ALWAYS_EAGER = False
    CELERY_BROKER_URL = "memory://"
