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
