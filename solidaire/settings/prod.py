"""Production: every secret from the environment, no defaults for them, HTTPS everywhere."""

from . import env
from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env.str_("SECRET_KEY")
ALLOWED_HOSTS = env.list_("ALLOWED_HOSTS")
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int_("CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool_("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env.int_("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

EMAIL_BACKEND = env.str_("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
ADMINS = [("CCAS", a) for a in env.list_("ADMINS", [])]
