"""Production: every secret from the environment, no defaults for them, HTTPS everywhere."""

from . import env
from .base import *  # noqa: F403
from .base import LOGGING, redis_cache

DEBUG = False
SECRET_KEY = env.str_("SECRET_KEY")
ALLOWED_HOSTS = env.list_("ALLOWED_HOSTS")
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int_("CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# A task must never run inside a request here: without a broker, production does not start.
REDIS_URL = env.url("REDIS_URL")
REDIS_CACHE_URL = env.url("REDIS_CACHE_URL", "") or REDIS_URL
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TASK_ALWAYS_EAGER = False
# A task stays queued when the broker restarts; the worker re-delivers what it had not acked.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 60 * 60}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CACHES = {"default": redis_cache(REDIS_CACHE_URL)}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool_("SECURE_SSL_REDIRECT", True)
# The container healthcheck calls gunicorn directly over HTTP: no redirect for it.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int_("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

EMAIL_BACKEND = env.str_("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
ADMINS = [("CCAS", a) for a in env.list_("ADMINS", [])]

# Logs: JSON lines unless told otherwise.
LOG_FORMAT = env.str_("LOG_FORMAT", "json")
LOGGING["handlers"]["console"]["formatter"] = "json" if LOG_FORMAT == "json" else "text"

# Errors reach someone: Sentry (web and worker) when SENTRY_DSN is set.
SENTRY_DSN = env.str_("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        environment=env.str_("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,  # no e-mail addresses or IPs of the public leave the server
        traces_sample_rate=0.0,
    )
