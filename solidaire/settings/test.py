"""The test suite: SQLite by default, PostgreSQL when DATABASE_URL says so.

Celery runs eagerly here whatever REDIS_URL says; the one worker test switches to the broker.
"""

import os

from . import env
from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
ALLOWED_HOSTS = ["*"]

# A file (not :memory:) so a Celery worker or a live server process can open the same test
# database; one per pytest process so parallel runs do not collide.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {
        "NAME": str(BASE_DIR / "var" / f"test-{os.getpid()}.sqlite3"),
    }

# A test never needs its commits to survive a crash of the database server: PostgreSQL may
# acknowledge them before they reach the disk (the live-server and worker tests commit often).
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"

# Under CI a missing service (Redis, chromium) fails the run instead of skipping.
CI = env.bool_("CI", False)
