"""Local development: `make run`. SQLite, eager Celery, console e-mail unless the env says otherwise."""

from . import env
from .base import *  # noqa: F403

DEBUG = env.bool_("DEBUG", True)
