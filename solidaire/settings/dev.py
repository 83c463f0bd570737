"""Local development and the embedded default of `make run`.

Production-like by default: DEBUG off (the portal's French 404/500 pages; `DEBUG=1` brings the
tracebacks back), static files served by WhiteNoise straight from the source folders (no
collectstatic), SQLite in var/, console e-mail. Celery runs eagerly in-process unless
CELERY_BROKER_URL=filesystem:// (what `make run` sets): then tasks queue in var/celery/ and the
worker that `make run` starts beside the server runs them, so progress bars move as in production.
"""

from pathlib import Path

from . import env
from .base import *  # noqa: F403
from .base import BASE_DIR, LOGGING, REDIS_URL

DEBUG = env.bool_("DEBUG", False)

# The address `make run` serves on (its HOST): a server listening on every interface is reached
# by names nobody can list in advance, so it accepts any host (development only).
RUN_HOST = env.str_("RUN_HOST", "127.0.0.1")
_default_hosts = ["127.0.0.1", "localhost", "[::1]"]
if RUN_HOST in {"0.0.0.0", "::", "[::]"}:  # noqa: S104 - the developer asked for every interface
    _default_hosts = ["*"]
elif RUN_HOST not in _default_hosts:
    _default_hosts.append(RUN_HOST)
ALLOWED_HOSTS = env.list_("ALLOWED_HOSTS", _default_hosts)

# WhiteNoise serves /static/ with DEBUG off too: from the finders (static/ and the apps'), re-read
# on change, so a CSS edit shows on reload without collectstatic (runserver_nostatic leaves it
# to WhiteNoise in both modes).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Uploaded logos: production's proxy serves /media/; here Django does, DEBUG or not.
ROOT_URLCONF = "solidaire.dev_urls"

# --- Celery: a real worker without a broker server ------------------------------------------
# kombu's filesystem transport: each message is a file in var/celery/queue/, the worker polls it.
# Results (rarely read: documents report their progress in their own row) are files too.
_broker_from_env = env.str_("CELERY_BROKER_URL", "")
if not REDIS_URL and _broker_from_env.startswith("filesystem://"):
    CELERY_QUEUE_DIR = Path(env.str_("CELERY_QUEUE_DIR", str(BASE_DIR / "var" / "celery")))
    # kombu does not create its folders: a missing one fails the first task sent.
    for _folder in ("queue", "control", "results"):
        (CELERY_QUEUE_DIR / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # One folder both ways: producers (web, load_demo) and the worker share the same queue.
        "data_folder_in": str(CELERY_QUEUE_DIR / "queue"),
        "data_folder_out": str(CELERY_QUEUE_DIR / "queue"),
        "control_folder": str(CELERY_QUEUE_DIR / "control"),
        "polling_interval": 0.5,
    }
    CELERY_RESULT_BACKEND = f"file://{CELERY_QUEUE_DIR / 'results'}"
    CELERY_TASK_ALWAYS_EAGER = False
    # The filesystem transport has no host: kombu warns « No hostname was supplied » at every
    # connection, which only confuses whoever reads the terminal.
    LOGGING["loggers"]["kombu.connection"] = {"level": "ERROR"}
