"""Settings shared by every environment. Values from outside come through `env`."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from . import env
from .env import BASE_DIR

SECRET_KEY = env.str_("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env.bool_("DEBUG", False)
ALLOWED_HOSTS = env.list_("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list_("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",  # unaccent/trigram lookups for the directory search (PG only)
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    "django_filters",
    "csp",
    "post_office",
    "simple_history",
    "solidaire.accounts",
    "solidaire.core",
    "portal",
    "associations",
    "charter",
    "indicators",
    "events",
    "congress",
    "history",
]

MIDDLEWARE = [
    "solidaire.core.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "solidaire.core.security.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "solidaire.core.security.middleware.PrivateWhenSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "solidaire.urls"
WSGI_APPLICATION = "solidaire.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "solidaire.core.context_processors.portal",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'solidaire.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int_("CONN_MAX_AGE", 60))
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # SQLite under `make run` (and the tests): readers never block the writer (WAL); a write
    # transaction takes the write lock when it begins (IMMEDIATE), so two concurrent saves
    # queue up (busy timeout, seconds) instead of one failing with "database is locked" when
    # it upgrades a read lock half-way.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int_("SQLITE_BUSY_TIMEOUT", 20),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: the broker, and the cache ------------------------------------------------------
# Two roles, two Redis in production (docker-compose.yml): REDIS_URL is the Celery broker and
# result backend (persistent, AOF, never evicts: a queued task must survive a restart and
# memory pressure); REDIS_CACHE_URL is the cache (no persistence, maxmemory + allkeys-lru).
# Without REDIS_CACHE_URL the cache shares REDIS_URL (then keep its eviction at noeviction).
REDIS_URL = env.url("REDIS_URL", "")
REDIS_CACHE_URL = env.url("REDIS_CACHE_URL", "") or REDIS_URL


def redis_cache(location: str) -> dict:
    """The cache on Redis, failing open (pages still answer when Redis is down)."""
    return {
        "BACKEND": "solidaire.core.security.cache.FailOpenRedisCache",
        "LOCATION": location,
        "KEY_PREFIX": "solidaire",
        # A Redis that does not answer must not hold a page for long.
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }


# Rate limits must be shared between workers: Redis when there is one, else local memory.
if REDIS_CACHE_URL:
    CACHES = {"default": redis_cache(REDIS_CACHE_URL)}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:account"
ACCOUNT_LOGOUT_REDIRECT_URL = "portal:home"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Le Mans solidaire] "
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_ADAPTER = "solidaire.accounts.adapters.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "solidaire.accounts.forms.SignupNameForm"
# How many proxies in front of gunicorn append to X-Forwarded-For (1 behind the production
# reverse proxy): the client address for every rate limit, allauth's and ours
# (solidaire.core.security.ratelimit). 0 trusts only REMOTE_ADDR (X-Forwarded-For is client-controlled).
TRUSTED_PROXY_COUNT = env.int_("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# allauth's own limits (login failures, signups, reset requests) stay on, with its defaults.
# Failed logins: per client address (credential stuffing across accounts) and per address +
# account (AccountAdapter puts the address in allauth's "key"), never per account alone, so
# that failures from one address never lock the account's owner out elsewhere.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "20/5m/ip,5/5m/key",
    "signup": "20/h/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
# Our own public forms: (attempts, seconds) per client address and per account.
RATE_LIMITS = {
    "volunteer_interest": (5, 3600),
    "membership_request": (10, 3600),
    "structure_proposal": (5, 24 * 3600),
    # Congress, counting what was accepted (a form refused for a typo uses up nothing):
    # registrations per client address (an office behind one address registers colleagues)
    # and per e-mail address; confirmations and « my data » downloads per client address;
    # proposals per client address per day (and per registration: CONGRESS_PROPOSALS_PER_DAY).
    "congress_registration": (30, 3600),
    "congress_registration_email": (3, 3600),
    "congress_confirm": (30, 3600),
    "congress_data": (30, 3600),
    "congress_proposal": (30, 24 * 3600),
    "card_report": (5, 3600),
    "council_request": (5, 3600),
}

# --- Internationalisation ------------------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français"))]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Static and media ----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.str_("MEDIA_ROOT", str(BASE_DIR / "var" / "media"))
# Uploads that only some users may read (activity reports) live outside MEDIA_ROOT and are only
# ever streamed by a view that checks permissions; never point a web server at this directory.
PRIVATE_MEDIA_ROOT = env.str_("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# The largest request body accepted at all (the 10 Mo activity report plus the form): refused
# with 413 from its Content-Length, before a byte of it is read (RequestSizeLimitMiddleware).
# The reverse proxy caps bodies at the same size (deploy/nginx.conf, client_max_body_size).
REQUEST_MAX_BODY_SIZE = 12 * 1024 * 1024
# Files removed from storage (after commit) when their row points to a new one or is deleted.
FILES_DELETED_WHEN_REPLACED = ["associations.Association.logo", "indicators.Sheet.activity_report"]

# --- E-mail --------------------------------------------------------------------------------
EMAIL_BACKEND = env.str_("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str_("EMAIL_HOST", "localhost")
EMAIL_PORT = env.int_("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.str_("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.str_("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.bool_("EMAIL_USE_TLS", False)
# A hung SMTP server must not hold a worker (or, with eager tasks, a request) for long.
EMAIL_TIMEOUT = env.int_("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env.str_("DEFAULT_FROM_EMAIL", "Le Mans solidaire <ne-pas-repondre@lemans-solidaire.fr>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The outbox (django-post-office): every e-mail is a row written in the transaction that causes
# it, then delivered through EMAIL_BACKEND by the worker (solidaire.core.email). A failed
# delivery is re-queued every RETRY_INTERVAL, MAX_RETRIES times (30 min × 16 = 8 hours), then
# marked failed with its error; staff can re-queue it from the admin.
POST_OFFICE = {
    "DEFAULT_PRIORITY": "medium",
    "MAX_RETRIES": 16,
    "RETRY_INTERVAL": timedelta(minutes=30),
    "LOG_LEVEL": 2,  # log successes and failures (the admin shows each attempt)
    "BATCH_SIZE": 100,
    "THREADS_PER_PROCESS": 2,
}
CCAS_CONTACT_EMAIL = env.str_("CCAS_CONTACT_EMAIL", "lemans-solidaire@ville-lemans.fr")

# --- Celery: eager in-process without Redis, a real broker with it --------------------------
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_TRACK_STARTED = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 10 * 60
CELERY_TIMEZONE = TIME_ZONE
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
# Periodic tasks are declared here, in code, so beat needs no database table.
CELERY_BEAT_SCHEDULE: dict = {
    # The outbox: e-mails re-queued after a failed delivery, or whose flush was never enqueued.
    "email-outbox-flush": {
        "task": "solidaire.core.email.tasks.flush_outbox",
        "schedule": timedelta(minutes=5),
    },
    # Reminders 14 and 3 days before an indicators campaign closes (idempotent, daily).
    "indicators-due-reminders": {
        "task": "indicators.tasks.send_due_reminders",
        "schedule": crontab(hour=8, minute=30),
    },
    # The directory's "open now" table follows date-dependent opening rules.
    "directory-refresh-opening-slots": {
        "task": "associations.tasks.refresh_opening_slots",
        "schedule": crontab(hour=3, minute=10, day_of_week=1),
    },
    # Congress: unconfirmed registrations and lapsed waiting-list offers free their places.
    "congress-expire-registrations": {
        "task": "congress.registrations.tasks.expire_registrations",
        "schedule": crontab(minute="*/5"),
    },
    # Congress: personal data anonymised CONGRESS_ANONYMISE_AFTER_DAYS after each edition.
    "congress-anonymise-registrations": {
        "task": "congress.privacy.tasks.anonymise_registrations",
        "schedule": crontab(hour=4, minute=20),
    },
    # Users' council requests past the retention period stated on the form (3:40: after the DST hour).
    "council-purge-requests": {
        "task": "associations.council.tasks.purge_council_requests",
        "schedule": crontab(hour=3, minute=40),
    },
}

# --- Congress ---------------------------------------------------------------------------------
CONGRESS_CONFIRMATION_HOURS = env.int_("CONGRESS_CONFIRMATION_HOURS", 48)  # to click the e-mail's link
CONGRESS_OFFER_HOURS = env.int_("CONGRESS_OFFER_HOURS", 48)  # to take a place from the waiting list
CONGRESS_ANONYMISE_AFTER_DAYS = env.int_("CONGRESS_ANONYMISE_AFTER_DAYS", 365)
CONGRESS_PROPOSALS_PER_DAY = env.int_("CONGRESS_PROPOSALS_PER_DAY", 10)  # per registration

# --- Security headers (CSP: no inline script anywhere) --------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Portal --------------------------------------------------------------------------------
PORTAL_NAME = "Le Mans solidaire"
# The public host name, used for the absolute links in e-mails (kept in the Site record).
SITE_DOMAIN = env.str_("SITE_DOMAIN", "127.0.0.1:8000")
# Map tiles for the directory (Leaflet): a URL template, so production can point at its own server.
MAP_TILE_URL = env.str_("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env.str_(
    "MAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">les contributeurs OpenStreetMap</a>',
)
# The tiles are images from the tile server: allow its origin (only) in the CSP.
_tile = urlsplit(MAP_TILE_URL.replace("{s}", "a"))
_tile_origin = f"{_tile.scheme}://{_tile.netloc}".replace("://a.", "://*.")
if _tile.netloc:
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(_tile_origin)

# Log lines carry the request id (solidaire.core.observability); LOG_FORMAT=json writes one
# JSON object per line (the production default), "text" a readable line (dev).
LOG_FORMAT = env.str_("LOG_FORMAT", "text")
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(
        f"The environment variable LOG_FORMAT is malformed: text or json, got {LOG_FORMAT!r}."
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "solidaire.core.observability.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "solidaire.core.observability.JsonFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": LOG_FORMAT}
    },
    "root": {"handlers": ["console"], "level": env.str_("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # post_office installs its own plain-text handler unless its logger has one; its INFO
        # lines (every flush) are noise, its errors (a failed delivery) are kept.
        "post_office": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
